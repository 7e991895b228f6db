/**
 * What a run of digit groups is: a resident ID, a phone number, a bank card — or nothing.
 * Structure is checked first (lengths, prefixes, check digits, grouping) and the words around
 * the number only when a format needs them, so most candidates cost a few comparisons.
 */
import { cnId15, cnId18, isValidDate, passesLuhn } from './checks.ts';
import type { ContextIndex } from './context.ts';
import type { Kind } from './kinds.ts';

/** A span of digit groups (offsets into the normalised text). */
export interface Candidate {
  /** The digits only. */
  digits: string;
  /** Length of each group. */
  lens: number[];
  /** The separators between groups (one fewer than groups). */
  seps: string[];
  /** A '+' right before the first digit. */
  plus: boolean;
  /** An 'X' right after the last digit closes an ID number. */
  xAfter: boolean;
  /** The span is the whole run of digit groups, nothing joined on either side. */
  wholeRun: boolean;
  /** The span starts the run (no digit group joined before it). */
  runStart: boolean;
  start: number;
  end: number;
}

const MOBILE_CN = /^1[3-9]\d{9}$/;
const NANP = /^[2-9]\d{2}[2-9]\d{6}$/;
/** Country codes people write without a '+', with what a national number there looks like. */
const NATIONAL: Record<string, (n: string) => boolean> = {
  '86': (n) => MOBILE_CN.test(n) || /^0?[1-9]\d{8,10}$/.test(n),
  '1': (n) => NANP.test(n),
  '44': (n) => /^0?[1-9]\d{8,9}$/.test(n),
  '852': (n) => /^[2-9]\d{7}$/.test(n),
  '853': (n) => /^[2-9]\d{7}$/.test(n),
  '65': (n) => /^[3689]\d{7}$/.test(n),
  '886': (n) => /^0?[2-9]\d{7,8}$/.test(n),
};

const same = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Group lengths of card numbers as printed: 4-4-4-4(-1…4), Amex 4-6-5, Diners 4-6-4. */
function cardGrouping(lens: number[]): boolean {
  const last = lens.length - 1;
  if (last < 2) return false;
  if (lens[0] === 4 && lens[1] === 6) return last === 2 && (lens[2] === 5 || lens[2] === 4);
  for (let i = 0; i < last; i++) if (lens[i] !== 4) return false;
  return lens[last]! <= 4;
}

/** Issuer prefixes of the networks, with the lengths they issue. */
function knownIssuer(d: string): boolean {
  const n = d.length;
  switch (d[0]) {
    case '2': // Mastercard's 2-series, 2221–2720
      return n === 16 && +d.slice(0, 4) >= 2221 && +d.slice(0, 4) <= 2720;
    case '4':
      return n === 13 || n === 16 || n === 19;
    case '5':
      return n === 16 && d[1]! >= '1' && d[1]! <= '5';
    case '3':
      if (n === 15) return d[1] === '4' || d[1] === '7';
      if (n === 14) return d[1] === '6' || (d[1] === '0' && d[2]! <= '5');
      return n >= 16 && /^35(?:2[89]|[3-8])/.test(d);
    case '6':
      return n >= 16 && /^(?:62|60|65|64[4-9])/.test(d);
    case '9':
      return n === 19 && /^(?:9558|95599)/.test(d);
    default:
      return false;
  }
}

/** A calendar date written as digits (20240630, 2024 06 30, 30-06-2024), or starting with one (2024-06-30 12). */
function looksLikeDate(c: Candidate): boolean {
  const d = c.digits;
  const [a, b, e] = c.lens;
  if (a === 4 && b !== undefined && b <= 2 && e !== undefined && e <= 2) {
    return isValidDate(+d.slice(0, 4), +d.slice(4, 4 + b), +d.slice(4 + b, 4 + b + e));
  }
  if (a !== undefined && a <= 2 && b !== undefined && b <= 2 && e === 4) {
    const [x, y, year] = [+d.slice(0, a), +d.slice(a, a + b), +d.slice(a + b, a + b + 4)];
    return isValidDate(year, y, x) || isValidDate(year, x, y);
  }
  return d.length === 8 && (c.lens.length === 1 || (a === 4 && b === 4)) && isValidDate(+d.slice(0, 4), +d.slice(4, 6), +d.slice(6, 8));
}

/** Shapes of 7–8 digits that are not phone numbers: dates, IP addresses, thousands, decimals. */
function notALocalNumber(c: Candidate): boolean {
  if (looksLikeDate(c)) return true;
  if (c.seps.length > 0 && c.seps.every((s) => s === '.')) return true;
  return c.lens.length >= 3 && c.lens[0]! <= 3 && c.lens.slice(1).every((l) => l === 3);
}

/** A phone word around the number, or an area code in brackets: "(010) 6234 5678". */
const nearPhoneWord = (c: Candidate, ctx: ContextIndex) => ctx.before('phone', c.start, 32) || ctx.after('phone', c.end, 16) || c.seps[0]?.includes(')') === true;

/** "00" and a country code: a known one with a national number of its shape, or a phone word. */
function international(c: Candidate, ctx: ContextIndex): boolean {
  const rest = c.digits.slice(2);
  if (rest.length < 8 || rest.length > 15) return false;
  for (const cc of Object.keys(NATIONAL)) if (rest.startsWith(cc) && NATIONAL[cc]!(rest.slice(cc.length))) return true;
  return nearPhoneWord(c, ctx);
}

function isPhone(c: Candidate, ctx: ContextIndex): boolean {
  const d = c.digits;
  const n = d.length;
  if (c.plus) return n >= 8 && n <= 15;
  if (d.startsWith('00') && d[2] !== '0') return international(c, ctx);
  if (n > 13 || looksLikeDate(c)) return false;
  if (n === 11 && MOBILE_CN.test(d)) return true;
  if (n === 13 && d.startsWith('86') && MOBILE_CN.test(d.slice(2))) return true;
  const ccLength = c.lens[0]!;
  if (c.lens.length > 1 && ccLength <= 3 && n - ccLength >= 8) {
    const national = NATIONAL[d.slice(0, ccLength)];
    if (national?.(d.slice(ccLength))) return true;
  }
  // A trunk '0' opens a national number, so it starts the run ("Line 5374 0476 …" is not one).
  if (d[0] === '0' && d[1] !== '0' && n >= 10 && n <= 12 && c.runStart && !(c.lens[0] === 1 && c.seps[0]?.includes('.'))) return true;
  if (n === 10 && NANP.test(d) && same(c.lens, [3, 3, 4])) return true;
  if (n === 11 && d[0] === '1' && NANP.test(d.slice(1)) && same(c.lens, [1, 3, 3, 4])) return true;
  // The formats below are licensed by a phone word, and only for a number standing alone:
  // "Line 1330 7867 4399 9179" is a statement line, not a phone.
  if (!c.wholeRun) return false;
  if (n === 10 && NANP.test(d) && ctx.before('phone', c.start)) return true;
  // A country code without '+' or a space ("WhatsApp me at 447700900461"), after a phone word.
  if (n >= 10 && ctx.before('phone', c.start) && Object.keys(NATIONAL).some((cc) => d.startsWith(cc) && NATIONAL[cc]!(d.slice(cc.length)))) return true;
  if (n === 11 && d[0] === '1' && NANP.test(d.slice(1)) && ctx.before('phone', c.start)) return true;
  if ((n === 7 || n === 8) && d[0] !== '0' && d[0] !== '1' && !notALocalNumber(c) && (ctx.before('phone', c.start) || ctx.after('phone', c.end))) return true;
  return n >= 7 && n <= 12 && ctx.label(c.start) === 'phone';
}

function isCard(c: Candidate, ctx: ContextIndex): boolean {
  const n = c.digits.length;
  if (n < 13 || n > 19 || !c.runStart) return false;
  // Without an issuer prefix a word for the card itself is needed, or card grouping and a
  // payment word: a Luhn-valid reference number is not a card because "account" is near.
  const worded = ctx.before('cardItself', c.start, 32) || (cardGrouping(c.lens) && ctx.before('card', c.start, 32));
  return (knownIssuer(c.digits) || worded) && passesLuhn(c.digits);
}

/** An ID word shortly before the number, or right after it ("… is a valid ID number?"). */
const idWord = (c: Candidate, ctx: ContextIndex) => ctx.before('id', c.start, 32) || ctx.after('id', c.end, 24);

/** The kind of `c`, with `withX` when the ID number's closing 'X' belongs to it. */
export function classify(c: Candidate, ctx: ContextIndex): { kind: Kind; withX: boolean } | null {
  const d = c.digits;
  if (d.length < 7 || d.length > 19) return null;
  let found: { kind: Kind; withX: boolean } | null = null;
  if (d.length === 17 && c.xAfter) {
    const id = cnId18(`${d}X`);
    if (id.checked || (id.plausible && idWord(c, ctx))) found = { kind: 'id_number', withX: true };
  } else if (d.length === 18) {
    const id = cnId18(d);
    const cardFirst = ctx.before('card', c.start) && !ctx.before('id', c.start) && isCard(c, ctx);
    if (!cardFirst && (id.checked || (id.plausible && idWord(c, ctx)))) found = { kind: 'id_number', withX: false };
  } else if (d.length === 15 && (same(c.lens, [6, 6, 3]) || idWord(c, ctx)) && cnId15(d)) {
    found = { kind: 'id_number', withX: false };
  }
  found ??= isPhone(c, ctx) ? { kind: 'phone', withX: false } : isCard(c, ctx) ? { kind: 'bank_card', withX: false } : null;
  if (!found) return null;
  // Shortly after an order, waybill, registration or meeting word, a phone number needs a
  // phone word too ("AWB for the samples: 131…", "Zoom id for tomorrow 138…"), and a card
  // number with no issuer prefix a word for the card itself.
  if (found.kind === 'phone' && !c.plus && ctx.before('record', c.start, 32) && !ctx.before('phoneItself', c.start, 32) && !ctx.after('phoneItself', c.end, 12)) return null;
  if (found.kind === 'bank_card' && !knownIssuer(d) && ctx.before('record', c.start, 32) && !ctx.before('cardItself', c.start, 32)) return null;
  // An order number, a version, a timestamp or an amount that merely looks like one.
  if (ctx.label(c.start) === 'order' || ctx.quantity(c.start, c.end)) return null;
  return found;
}
