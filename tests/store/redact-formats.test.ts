import { describe, expect, it } from 'vitest';
import { redact } from '../../store/redact.ts';

describe('format classes found while measuring on the corpus', () => {
  it.each([
    // e-mail: the domain as people capitalise or spell it
    ['reach me at Wang.Fang@Northstar-Tools.Com today', 'reach me at [email] today'],
    ['write to ana@pão-de-açúcar.br', 'write to [email]'],
    ['资料发 yamada@例え.jp', '资料发 [email]'],
    // e-mail: a stand-in for '@' the writer explains
    ['发 chen.jie%fastmail.cn（把%换成@）', '发 [email]（把%换成@）'],
    ['use r.singh#orbitlabs.in (replace # with @)', 'use [email] (replace # with @)'],
    ['send it to wu.lei_77 at orbitlabs.in', 'send it to [email]'],
    ['E: zhoufang at northstar.io', 'E: [email]'],
    ['发ming.li艾特orbitlabs.cn', '发[email]'],
    // WeChat and QQ as typed in chats
    ['加Q 55443322', '加Q [qq]'],
    ['Q：2468013579', 'Q：[qq]'],
    ['QQ联系：24680', 'QQ联系：[qq]'],
    ['add him on WeChat (Tom_Lee99)', 'add him on WeChat ([wechat])'],
    ['+V tomlee2020', '+V [wechat]'],
    ['WeChat handle tomlee_sz', 'WeChat handle [wechat]'],
    // identity documents
    ['HKID K 123456 (0)', 'HKID [id-card]'],
    ['护照号码发你了，他给的是 EC1234567', '护照号码发你了，他给的是 [id-card]'],
    ['is 110105491231002 a valid ID number?', 'is [id-card] a valid ID number?'],
    // phones and cards
    ['在深圳的时候打 2345 6789', '在深圳的时候打 [phone]'],
    ['direct line 9123 4567', 'direct line [phone]'],
    ['refund to 2221000000000009', 'refund to [bank-card]'],
    ['手机号：86 13912345678\n台湾身份证号后补', '手机号：[phone]\n台湾身份证号后补'],
  ])('%s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it.each([
    'PO number SO-2024-736389 still open',
    'Zoom ID 912 345 6789 at 10:00',
    'Line 1330 7867 4399 9179 on the statement is wrong',
    '物流单号9400 6831 4517 9177 1654 70 显示已签收',
    'deadline next week, budget 25000000',
    '打电话说预算 2000000',
    'quoted price 26800000 for the fleet',
    'we met at Acme.com last year',
  ])('leaves %s alone', (text) => {
    expect(redact(text)).toBe(text);
  });
});

describe('classes found on the regenerated corpus', () => {
  it.each([
    ['Card on file; T: 2345 6789; E: x', 'Card on file; T: [phone]; E: x'],
    ['he wants it in writing at tang.min#126.com (# = @)', 'he wants it in writing at [email] (# = @)'],
    ['no email please. Everything in writing at ming.tang@例子.公司 thanks', 'no email please. Everything in writing at [email] thanks'],
  ])('%s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it('leaves a trunk-0 number that only appears inside a longer run', () => {
    expect(redact('Line 4821 0312 7788 9900 on the statement')).toBe('Line 4821 0312 7788 9900 on the statement');
  });
});
