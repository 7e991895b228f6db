import { describe, expect, it } from 'vitest';
import { passesLuhn, redact } from '../../store/redact.ts';
import { mulberry32 } from '../../data/random.ts';

describe('identity documents', () => {
  it.each([
    ['身份证号 11010519491231002X 已核对', '身份证号 [id-card] 已核对'],
    ['身份证号 11010519491231002x', '身份证号 [id-card]'],
    ['id 440524188001010014', 'id [id-card]'],
    ['身份证 110105 19491231 002X', '身份证 [id-card]'],
    ['身份证 1101 0519 4912 3100 2X', '身份证 [id-card]'],
    ['身份证：１１０１０５１９４９１２３１００２Ｘ', '身份证：[id-card]'],
    ['他给的是 11010519491231002X', '他给的是 [id-card]'],
    ['老身份证 110105491231002', '老身份证 [id-card]'],
    ['old ID 110105491231002', 'old ID [id-card]'],
    ['身份证 110105-19491231-002X', '身份证 [id-card]'],
    ['Passport No.: K12345678', 'Passport No.: [id-card]'],
    ['护照：EA1234567', '护照：[id-card]'],
    ['HKID A123456(3)', 'HKID [id-card]'],
    ['香港身份证 C668668(E)'.replace('(E)', '(9)'), '香港身份证 [id-card]'],
    ['护照号 E12345678', '护照号 [id-card]'],
    ['passport no. G12345678 expires 2030', 'passport no. [id-card] expires 2030'],
    ['passport number is 123456789', 'passport number is [id-card]'],
  ])('%s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it('leaves an 18-digit number whose check character is wrong when nothing says it is an ID', () => {
    expect(redact('流水 110105194912310029')).toBe('流水 110105194912310029');
  });
});

/** A Luhn-valid number: `prefix`, random digits, check digit; deterministic per seed. */
function card(prefix: string, length: number, seed: number): string {
  let digits = prefix;
  let x = seed;
  while (digits.length < length - 1) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    digits += String(x % 10);
  }
  for (let check = 0; check < 10; check++) if (passesLuhn(digits + check)) return digits + check;
  throw new Error('unreachable');
}

const group = (d: string, sizes: number[], sep: string) => {
  const parts: string[] = [];
  let at = 0;
  for (const size of sizes) {
    parts.push(d.slice(at, at + size));
    at += size;
  }
  if (at < d.length) parts.push(d.slice(at));
  return parts.join(sep);
};
const fullWidth = (t: string) => t.replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('bank cards', () => {
  it('keeps the Luhn check', () => {
    expect(passesLuhn('6222021234567890120')).toBe(false);
    expect(passesLuhn('4111111111111111')).toBe(true);
  });

  it.each([
    ['卡号 6217 0000 1000 0000 003 转账', '卡号 [bank-card] 转账'],
    ['卡号6217000010000000003', '卡号[bank-card]'],
    ['card 4111-1111-1111-1111 expires soon', 'card [bank-card] expires soon'],
    ['amex 3782 822463 10005', 'amex [bank-card]'],
  ])('%s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it('finds cards of every common issuer however they are spaced', () => {
    const issuers: [string, number][] = [['622202', 19], ['621700', 19], ['622588', 16], ['4367', 16], ['5187', 16], ['6013', 19], ['3568', 16]];
    for (const [prefix, length] of issuers) {
      for (let seed = 1; seed <= 20; seed++) {
        const d = card(prefix, length, seed);
        const forms = [d, group(d, [4, 4, 4, 4], ' '), group(d, [4, 4, 4, 4], '  '), group(d, [4, 4, 4, 4], '-'), fullWidth(group(d, [4, 4, 4, 4], ' '))];
        for (const form of forms) expect(redact(`转到这张 ${form} 上`), form).toBe('转到这张 [bank-card] 上');
        expect(redact(`pls use ${d}`), d).toBe('pls use [bank-card]');
      }
    }
  });

  it('leaves random 13–19 digit order numbers alone (at most 2% taken)', () => {
    const random = mulberry32(42);
    let taken = 0;
    const total = 5000;
    for (let i = 0; i < total; i++) {
      const length = 13 + Math.floor(random() * 7);
      let d = String(1 + Math.floor(random() * 9));
      while (d.length < length) d += String(Math.floor(random() * 10));
      if (redact(`您的订单 ${d} 已发货`) !== `您的订单 ${d} 已发货`) taken++;
      if (redact(`请核对 ${d}`) !== `请核对 ${d}`) taken++;
    }
    expect(taken / (2 * total)).toBeLessThanOrEqual(0.02);
  });
});
