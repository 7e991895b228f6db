/**
 * Identity documents other than the mainland resident ID (which numbers.ts finds by its check
 * character): passports and travel permits (港澳通行证, 台胞证, 回乡证) after a document word,
 * Hong Kong and Taiwan identity cards, Singapore NRIC/FIN, US Social Security numbers and UK
 * National Insurance numbers. Formats with a check character count on their own where the
 * shape is distinctive; the others need a word for the document shortly before them. Every
 * pattern is bounded, and each is one pass over the text.
 */
import { hkIdValid, sgNricValid, ssnPlausible, twIdValid } from './checks.ts';
import type { ContextIndex } from './context.ts';
import type { Span } from './kinds.ts';

/** Passport- and permit-shaped tokens (E12345678, EA1234567, C12345678, 12345678(B), 5Y1234567). */
const PASSPORT = /(?<![A-Za-z0-9])(?:[A-Za-z]{1,2}\d{6,9}|\d[A-Za-z]\d{7}|\d{8,10}(?:\s?\([A-Za-z]\))?|[A-Z]{1,2} \d{3,4} ?\d{4,5})(?![A-Za-z0-9])/g;
const HKID = /(?<![A-Za-z0-9])([A-Za-z]{1,2})\s?(\d{6})\s?(?:\(\s?([0-9Aa])\s?\)|([0-9Aa]))(?![A-Za-z0-9])/g;
const TWID = /(?<![A-Za-z0-9])[A-Za-z]\s?[12]\d{8}(?![A-Za-z0-9])/g;
const NRIC = /(?<![A-Za-z0-9])[STFGMstfgm]\d{7}[A-Za-z](?![A-Za-z0-9])/g;
const SSN = /(?<![\d-])(\d{3})([- ]?)(\d{2})\2(\d{4})(?![\d-])/g;
/** UK National Insurance: two prefix letters (not D, F, I, Q, U, V; second not O), six digits, A–D. */
const NINO = /(?<![A-Za-z0-9])(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![A-Za-z0-9])/g;
const SSN_WORD = /(?:ssn|s\.s\.n|social\s?sec|soc\.?\s?sec|ss#|ss no|tax id|itin|社会安全|社會安全|社安)[^\n]{0,40}$/i;
/** Any two letters, six digits and A–D, after a National Insurance word (the example prefixes too). */
const NINO_LOOSE = /(?<![A-Za-z0-9])[A-Za-z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-Da-d](?![A-Za-z0-9])/g;
const NINO_WORD = /(?:national insurance|(?<![a-z])(?:ni|nino|nic)(?![a-z]))[^\n]{0,30}$/i;
const TW_WORD = /(?:台湾|臺灣|台灣|taiwan|身分|統一編號)[^\n]{0,40}$/i;

function spansOf(s: string, re: RegExp, accept: (m: RegExpExecArray) => boolean): Span[] {
  const spans: Span[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (accept(m)) spans.push({ start: m.index, end: m.index + m[0].length, kind: 'id_number' });
    else re.lastIndex = m.index + 1;
  }
  return spans;
}

/** Identity documents in the normalised text `s`. */
export function findIds(s: string, ctx: ContextIndex): Span[] {
  const before = (at: number, re: RegExp) => re.test(s.slice(Math.max(0, at - 48), at));
  const notOrder = (at: number) => ctx.label(at) !== 'order';
  return [
    // A passport word before the number, or right after a letter-led one ("E12345678 is his passport").
    ...spansOf(s, PASSPORT, (m) => (ctx.before('passport', m.index, 40) || (/^[A-Za-z]/.test(m[0]) && ctx.after('passport', m.index + m[0].length, 24))) && notOrder(m.index)),
    ...spansOf(s, HKID, (m) => {
      const bracketed = m[3] !== undefined;
      const checked = hkIdValid(m[1]!, m[2]!, m[3] ?? m[4]!) && m[1] === m[1]!.toUpperCase();
      const worded = ctx.before('id', m.index, 40);
      return bracketed ? checked || worded : checked && worded;
    }),
    ...spansOf(s, TWID, (m) => twIdValid(m[0].replace(' ', '')) && (ctx.before('id', m.index, 40) || ctx.after('id', m.index + m[0].length, 24) || before(m.index, TW_WORD))),
    ...spansOf(s, NRIC, (m) => sgNricValid(m[0]) && (m[0] === m[0].toUpperCase() || ctx.before('id', m.index, 40)) && notOrder(m.index)),
    ...spansOf(s, SSN, (m) => ssnPlausible(m[1]!, m[3]!, m[4]!) && before(m.index, SSN_WORD)),
    ...spansOf(s, NINO, (m) => notOrder(m.index)),
    ...spansOf(s, NINO_LOOSE, (m) => before(m.index, NINO_WORD)),
  ];
}
