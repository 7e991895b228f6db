/**
 * Check digits and structural checks of the number formats redaction recognises: Luhn (bank
 * cards), the mainland resident ID (province, birth date, ISO 7064 check character), the
 * Hong Kong identity card, the Taiwan national ID, the Singapore NRIC/FIN and the US SSN.
 */

/** Luhn checksum, as bank card numbers carry. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (d < 0 || d > 9) return false;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

// Province-level codes of the mainland ID (first two digits), 83 being Taiwan residents' permits.
const PROVINCES = new Set([11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83]);

/** Whether year/month/day (numbers) is a real calendar date between 1800 and 2099. */
export function isValidDate(year: number, month: number, day: number): boolean {
  if (year < 1800 || year > 2099 || month < 1 || month > 12 || day < 1) return false;
  const days = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** An 18-character resident ID: plausible province and birth date; `checked` = check character right. */
export function cnId18(id: string): { plausible: boolean; checked: boolean } {
  if (!PROVINCES.has(Number(id.slice(0, 2)))) return { plausible: false, checked: false };
  const upper = id.toUpperCase();
  if (!/^[1-9]\d{16}[\dX]$/.test(upper)) return { plausible: false, checked: false };
  const plausible = isValidDate(Number(upper.slice(6, 10)), Number(upper.slice(10, 12)), Number(upper.slice(12, 14)));
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (upper.charCodeAt(i) - 48) * ID_WEIGHTS[i]!;
  return { plausible, checked: plausible && ID_CHECK[sum % 11] === upper[17] };
}

/** A first-generation 15-digit resident ID: province and a birth date 19YYMMDD. */
export function cnId15(id: string): boolean {
  if (!PROVINCES.has(Number(id.slice(0, 2))) || !/^[1-9]\d{14}$/.test(id)) return false;
  return isValidDate(1900 + Number(id.slice(6, 8)), Number(id.slice(8, 10)), Number(id.slice(10, 12)));
}

const letterValue = (c: string) => c.toUpperCase().charCodeAt(0) - 55; // A = 10 … Z = 35

/** Hong Kong identity card: one or two letters, six digits, check digit (0–9 or A). */
export function hkIdValid(letters: string, digits: string, check: string): boolean {
  const chars = letters.length === 1 ? [36, letterValue(letters)] : [letterValue(letters[0]!), letterValue(letters[1]!)];
  let sum = chars[0]! * 9 + chars[1]! * 8;
  for (let i = 0; i < 6; i++) sum += (digits.charCodeAt(i) - 48) * (7 - i);
  const expected = (11 - (sum % 11)) % 11;
  return (expected === 10 ? 'A' : String(expected)) === check.toUpperCase();
}

// Taiwan: the letter's two-digit code (A=10 … with the historical gaps).
const TW_LETTERS = 'ABCDEFGHJKLMNPQRSTUVXYWZIO';

/** Taiwan national ID: a letter, 1 or 2, eight digits, weighted check. */
export function twIdValid(id: string): boolean {
  const upper = id.toUpperCase();
  if (!/^[A-Z][12]\d{8}$/.test(upper)) return false;
  const code = TW_LETTERS.indexOf(upper[0]!) + 10;
  let sum = Math.floor(code / 10) + (code % 10) * 9;
  for (let i = 1; i < 9; i++) sum += (upper.charCodeAt(i) - 48) * (9 - i);
  sum += upper.charCodeAt(9) - 48;
  return sum % 10 === 0;
}

const NRIC_WEIGHTS = [2, 7, 6, 5, 4, 3, 2];
const NRIC_LETTERS: Record<string, string> = { S: 'JZIHGFEDCBA', T: 'JZIHGFEDCBA', F: 'XWUTRQPNMLK', G: 'XWUTRQPNMLK' };

/** Singapore NRIC/FIN: S, T, F, G or M, seven digits, check letter. */
export function sgNricValid(id: string): boolean {
  const upper = id.toUpperCase();
  if (!/^[STFGM]\d{7}[A-Z]$/.test(upper)) return false;
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += (upper.charCodeAt(i + 1) - 48) * NRIC_WEIGHTS[i]!;
  const prefix = upper[0]!;
  if (prefix === 'M') return 'KLJNPQRTUWX'[10 - ((sum + 3) % 11)] === upper[8];
  if (prefix === 'T' || prefix === 'G') sum += 4;
  return NRIC_LETTERS[prefix]![sum % 11] === upper[8];
}

/** US Social Security number digits: area not 000, 666 or 9xx, group not 00, serial not 0000. */
export function ssnPlausible(area: string, group: string, serial: string): boolean {
  return area !== '000' && area !== '666' && area[0] !== '9' && group !== '00' && serial !== '0000';
}
