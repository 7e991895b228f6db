import { describe, expect, it } from 'vitest';
import { redact } from '../../store/redact.ts';

const NBSP = '\u00a0';

describe('phone numbers in the formats people type', () => {
  it.each([
    ['客户电话13812345678，明天打给他', '客户电话[phone]，明天打给他'],
    ['手机 138 1234 5678', '手机 [phone]'],
    ['手机 1381 234 5678', '手机 [phone]'],
    ['手机 138-1234-5678', '手机 [phone]'],
    ['手机 138.1234.5678', '手机 [phone]'],
    [`手机 138${NBSP}1234${NBSP}5678`, `手机 [phone]`],
    ['手机 1 3 8 1 2 3 4 5 6 7 8 谢谢', '手机 [phone] 谢谢'],
    ['手机１３８１２３４５６７８吧', '手机[phone]吧'],
    ['手机１３８　１２３４　５６７８吧', '手机[phone]吧'],
    ['王总 +86 139-1234-5678 周三约', '王总 [phone] 周三约'],
    ['王总 +86 13912345678', '王总 [phone]'],
    ['王总 0086 139 1234 5678', '王总 [phone]'],
    ['王总 86 139 1234 5678', '王总 [phone]'],
    ['王总 8613912345678', '王总 [phone]'],
    ['王总(+86)13912345678', '王总[phone]'],
    ['王总＋８６－１３９－１２３４－５６７８', '王总[phone]'],
    ['she texted from 15012345678 yesterday', 'she texted from [phone] yesterday'],
  ])('mobile: %s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it.each([
    ['座机 010-62345678', '座机 [phone]'],
    ['座机 (010) 6234 5678', '座机 [phone]'],
    ['座机（010）62345678', '座机[phone]'],
    ['办公室 0755-8601 3388 转 8001', '办公室 [phone]'],
    ['办公室 0755-86013388-8001', '办公室 [phone]'],
    ['office 021 5432 1098 ext. 12', 'office [phone]'],
    ['座机 +86 10 6234 5678', '座机 [phone]'],
    ['座机 86-21-5432-1098', '座机 [phone]'],
    ['直接打座机 6234 5678 找李经理', '直接打座机 [phone] 找李经理'],
    ['电话：8888-6666', '电话：[phone]'],
    ['tel 62345678', 'tel [phone]'],
  ])('landline: %s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it.each([
    ['her number is +1 (415) 555-0132, call after 5', 'her number is [phone], call after 5'],
    ['call him at (415) 555-0132', 'call him at [phone]'],
    ['call him at 415-555-0132', 'call him at [phone]'],
    ['call him at 415.555.0132', 'call him at [phone]'],
    ['call him at 1-415-555-0132 ext 204', 'call him at [phone]'],
    ['his cell is 4155550132', 'his cell is [phone]'],
    ['office +44 20 7946 0958', 'office [phone]'],
    ['office 020 7946 0958', 'office [phone]'],
    ['office +44 (0)20 7946 0958', 'office [phone]'],
    ['mobile 07700 900123', 'mobile [phone]'],
    ['mobile 44 7700 900123', 'mobile [phone]'],
    ['HK +852 9123 4567', 'HK [phone]'],
    ['HK 852-9123-4567', 'HK [phone]'],
    ['his HK number 9123 4567', 'his HK number [phone]'],
    ['台湾手机 0912-345-678', '台湾手机 [phone]'],
    ['台湾 +886 912 345 678', '台湾 [phone]'],
    ['台北公司 (02) 2345-6789', '台北公司 [phone]'],
    ['台北 886 2 2345 6789', '台北 [phone]'],
  ])('international: %s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it('keeps the text around as typed, full-width punctuation included', () => {
    expect(redact('联系人：王先生（手机：１３９１２３４５６７８），周三前回复。')).toBe('联系人：王先生（手机：[phone]），周三前回复。');
  });

  it('redacts two numbers written next to each other separately', () => {
    expect(redact('13812345678 13912345678')).toBe('[phone] [phone]');
    expect(redact('手机13812345678/座机010-62345678')).toBe('手机[phone]/座机[phone]');
  });
});

describe('more real formats', () => {
  it.each([
    ['Tel: +86-10-6234-5678 ext. 123', 'Tel: [phone]'],
    ['電話 (02)2345-6789', '電話 [phone]'],
    ['客户Tom的电话是(+1)415-555-0132', '客户Tom的电话是[phone]'],
    ['客服 400-820-8820', '客服 [phone]'],
    ['联系 (86)13812345678', '联系 [phone]'],
    ['tel13812345678', 'tel[phone]'],
  ])('%s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });
});
