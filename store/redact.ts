/**
 * Redaction of customers' personal data, applied to every text before it reaches the store,
 * the engine's state or the logs. Each kind of datum becomes a typed placeholder:
 *
 *   e-mail addresses          → [email]
 *   Chinese ID card numbers   → [id-card]     (18 characters with a plausible birth date)
 *   bank card numbers         → [bank-card]   (13–19 digits, spaced or not, passing Luhn)
 *   phone numbers             → [phone]       (Chinese mobiles, +country numbers, landlines)
 *
 * It errs on the side of redacting: a rep's quote loses nothing it needs for coaching.
 */

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
// 6-digit area, birth date 18xx–20xx, 3-digit sequence, check digit or X.
const ID_CARD = /(?<![\dA-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\dA-Za-z])/g;
// Runs of 13–19 digits, possibly in groups separated by single spaces or hyphens.
const DIGIT_RUN = /(?<![\d+])\d(?:[ -]?\d){12,18}(?!\d)/g;
const CN_MOBILE = /(?<!\d)(?:(?:\+|00)?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)/g;
const INTERNATIONAL = /(?<![\w+])(?:\+|00)[1-9]\d{0,2}(?:[ .-]?\(?\d{1,4}\)?){2,5}(?!\d)/g;
const LANDLINE = /(?<!\d)(?:\(0\d{2,3}\)|0\d{2,3})[ -]?\d{7,8}(?!\d)/g;

/** Luhn checksum, as bank card numbers carry. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const digitCount = (text: string) => text.replace(/\D/g, '').length;

/** Returns `text` with personal data replaced by typed placeholders. */
export function redact(text: string): string {
  return text
    .replace(EMAIL, '[email]')
    .replace(ID_CARD, '[id-card]')
    .replace(DIGIT_RUN, (run) => (passesLuhn(run.replace(/\D/g, '')) ? '[bank-card]' : run))
    .replace(CN_MOBILE, '[phone]')
    .replace(INTERNATIONAL, (match) => (digitCount(match) >= 8 && digitCount(match) <= 15 ? '[phone]' : match))
    .replace(LANDLINE, '[phone]');
}
