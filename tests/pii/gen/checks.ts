/**
 * Check digits and validity rules of real identifiers (Luhn, Chinese resident ID ISO 7064
 * MOD 11-2, Hong Kong ID, Taiwan ID), used both to generate corpus values and to verify them.
 */

const FW_ZERO = 0xff10;

/** ASCII digits (and letters, and @) to their full-width forms. */
export function toFullWidth(s: string): string {
  return s.replace(/[0-9A-Za-z@]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

/** Full-width digits and letters back to ASCII; everything else unchanged. */
export function fromFullWidth(s: string): string {
  return s.replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff20]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** The ASCII digits of a string, full-width ones included, in order. */
export function digitsOf(s: string): string {
  return fromFullWidth(s).replace(/[^0-9]/g, '');
}

export function fullWidthDigit(d: number): string {
  return String.fromCharCode(FW_ZERO + d);
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** The digit that makes `body + digit` pass Luhn. */
export function luhnCheckDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return String(d);
  throw new Error('unreachable');
}

const CN_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CN_CHECK = '10X98765432';

/** Check character of a Chinese resident ID from its first 17 digits (ISO 7064 MOD 11-2). */
export function cnIdCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (CN_WEIGHTS[i] as number);
  return CN_CHECK[sum % 11] as string;
}

export function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** 18 characters, valid birth date (1900..2025) and a matching check character. */
export function cnId18Valid(raw: string): boolean {
  const s = fromFullWidth(raw).replace(/[\s\u00a0\u3000-]/g, '').toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s)) return false;
  const y = Number(s.slice(6, 10));
  if (y < 1900 || y > 2025 || !validDate(y, Number(s.slice(10, 12)), Number(s.slice(12, 14)))) return false;
  return cnIdCheck(s.slice(0, 17)) === s[17];
}

/** 15 digits whose 7th..12th form a valid yymmdd (19yy). */
export function cnId15Plausible(raw: string): boolean {
  const s = digitsOf(raw);
  if (s.length !== 15) return false;
  return validDate(1900 + Number(s.slice(6, 8)), Number(s.slice(8, 10)), Number(s.slice(10, 12)));
}

const letterValue = (c: string): number => c.charCodeAt(0) - 55; // A=10 .. Z=35

/** Check character of a Hong Kong ID from its letter prefix (1 or 2 letters) and 6 digits. */
export function hkidCheck(prefix: string, six: string): string {
  const letters = prefix.length === 1 ? [36, letterValue(prefix)] : [letterValue(prefix[0] as string), letterValue(prefix[1] as string)];
  let sum = (letters[0] as number) * 9 + (letters[1] as number) * 8;
  for (let i = 0; i < 6; i++) sum += Number(six[i]) * (7 - i);
  const c = (11 - (sum % 11)) % 11;
  return c === 10 ? 'A' : String(c);
}

export function hkidValid(raw: string): boolean {
  const m = /^([A-Z]{1,2})\s?(\d{6})\s?[(（]?([0-9A])[)）]?$/.exec(raw.trim());
  return m !== null && hkidCheck(m[1] as string, m[2] as string) === m[3];
}

const TW_CODES: Record<string, number> = {
  A: 10, B: 11, C: 12, D: 13, E: 14, F: 15, G: 16, H: 17, I: 34, J: 18, K: 19, L: 20, M: 21,
  N: 22, O: 35, P: 23, Q: 24, R: 25, S: 26, T: 27, U: 28, V: 29, W: 32, X: 30, Y: 31, Z: 33,
};

function twSum(letter: string, digits9: string): number {
  const code = TW_CODES[letter] as number;
  let sum = Math.floor(code / 10) + (code % 10) * 9;
  for (let i = 0; i < 8; i++) sum += Number(digits9[i]) * (8 - i);
  return sum;
}

/** Check digit of a Taiwan national ID from its letter and first 8 digits (gender digit first). */
export function twIdCheck(letter: string, eight: string): string {
  return String((10 - (twSum(letter, eight + '0') % 10)) % 10);
}

export function twIdValid(raw: string): boolean {
  const m = /^([A-Z])([12]\d{8})$/.exec(raw.trim());
  if (!m) return false;
  const d = m[2] as string;
  return (twSum(m[1] as string, d) + Number(d[8])) % 10 === 0;
}
