import { describe, expect, it } from 'vitest';
import { passesLuhn, redact } from '../../store/redact.ts';

describe('redaction of personal data', () => {
  it('replaces Chinese mobile numbers, with or without +86 and separators', () => {
    expect(redact('客户电话13812345678，明天打给他')).toBe('客户电话[phone]，明天打给他');
    expect(redact('王总手机 +86 139-1234-5678 周三约')).toBe('王总手机 [phone] 周三约');
    expect(redact('call him on 186 1234 5678')).toBe('call him on [phone]');
  });

  it('replaces international and landline numbers', () => {
    expect(redact('her number is +1 (415) 555-0132, call after 5')).toBe('her number is [phone], call after 5');
    expect(redact('office +44 20 7946 0958')).toBe('office [phone]');
    expect(redact('座机 010-62345678')).toBe('座机 [phone]');
  });

  it('replaces e-mail addresses', () => {
    expect(redact('send it to li.wei+deals@example.com.cn please')).toBe('send it to [email] please');
    expect(redact('邮箱是zhang_san@qq.com')).toBe('邮箱是[email]');
  });

  it('replaces Chinese ID card numbers', () => {
    expect(redact('身份证号 11010519491231002X 已核对')).toBe('身份证号 [id-card] 已核对');
    expect(redact('id 440524188001010014')).toBe('id [id-card]');
  });

  it('replaces bank card numbers that pass the Luhn check', () => {
    expect(passesLuhn('6222021234567890120')).toBe(false);
    expect(passesLuhn('4111111111111111')).toBe(true);
    expect(redact('卡号 6217 0000 1000 0000 003 转账')).toBe('卡号 [bank-card] 转账');
    expect(redact('卡号6217000010000000003')).toBe('卡号[bank-card]');
    expect(redact('card 4111-1111-1111-1111 expires soon')).toBe('card [bank-card] expires soon');
  });

  it('leaves prices, dates, quantities and order numbers that are not personal data', () => {
    const text = '报价 128000 元，2024-06-30 前签，100 股起，订单 20240630001';
    expect(redact(text)).toBe(text);
    expect(redact('too expensive at $12,500 for 3 seats')).toBe('too expensive at $12,500 for 3 seats');
  });
});
