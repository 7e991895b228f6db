import { describe, expect, it } from 'vitest';
import { redact } from '../../store/redact.ts';

describe('identity documents beyond the mainland ID', () => {
  it.each([
    ['Hong Kong ID K482716(3) on file', 'Hong Kong ID [id-card] on file'],
    ['香港身份证 K705193(A)', '香港身份证 [id-card]'],
    ['台湾身分证字号 F248271350', '台湾身分证字号 [id-card]'],
    ['his Taiwan ID is F270519370', 'his Taiwan ID is [id-card]'],
    ['NRIC S7304518E', 'NRIC [id-card]'],
    ['FIN: G7304518K, work pass', 'FIN: [id-card], work pass'],
    ['he sent T7304518A for the form', 'he sent [id-card] for the form'],
    ['SSN 537-21-4486 for the credit check', 'SSN [id-card] for the credit check'],
    ['social security number: 537 21 4486', 'social security number: [id-card]'],
    ['NI number JM 48 27 16 B', 'NI number [id-card]'],
    ['national insurance JM482716B', 'national insurance [id-card]'],
    ['passport no. 533380006', 'passport no. [id-card]'],
    ['护照 E71823456，下周出差', '护照 [id-card]，下周出差'],
    ['港澳通行证 C60218845', '港澳通行证 [id-card]'],
    ['台胞证号码 08831265', '台胞证号码 [id-card]'],
    ['台胞证 1023456789(B)', '台胞证 [id-card]'],
    ['回乡证 H60218845', '回乡证 [id-card]'],
    ['NI number QQ 12 34 56 C', 'NI number [id-card]'],
    ['NINO: jm482716b', 'NINO: [id-card]'],
    ['E71823456 is his passport number', '[id-card] is his passport number'],
    ['S.S.N. 537-21-4486', 'S.S.N. [id-card]'],
    ['身份证号码 110105 19491231 002 X', '身份证号码 [id-card]'],
    ['卡号 8234 5678 9012 3457', '卡号 [bank-card]'],
    ['拨 0044 20 7946 0958', '拨 [phone]'],
  ])('%s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it.each([
    'part 537-21-4486 is out of stock',
    'order S7304518Z shipped',
    'TW F248271351 is a model code',
    'registration no. 110105491231002 on the licence',
    '注册号 440301103097621',
    'AWB 131-13812345',
    'PO number 07700 900461 still open',
    'member no. 8234 5678 9012 3457 for the subscription',
    'registration ref 8234567890123457',
    'reference 0012 3456 7890 on the slip',
  ])('leaves %s alone', (text) => {
    expect(redact(text)).toBe(text);
  });
});
