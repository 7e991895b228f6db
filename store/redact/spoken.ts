/**
 * Numbers read out rather than written: digit words ("four one five, five five five …",
 * "oh seven seven double oh …"), digit groups joined by words ("138 then 0013 then 8000",
 * "138 然后 0013"), and mixes of both. One pass over the tokens gathers each sequence (digit
 * words, "double"/"triple", digit groups, joining words and punctuation, at most three spaces
 * apart); a sequence that holds a word and 7–15 digits is judged by classify.ts like any
 * written number, or as a phone after a phone word. The span runs from the first digit token
 * to the last, joining words included. Sequences are cut at 20 digits, so the work is linear.
 */
import { classify, type Candidate } from './classify.ts';
import type { ContextIndex } from './context.ts';
import type { Kind, Span } from './kinds.ts';

const WORD_DIGITS: Record<string, string> = { zero: '0', oh: '0', o: '0', nought: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', niner: '9' };
const FINDER = new RegExp(
  [
    String.raw`(\d+)`,
    String.raw`(?<![A-Za-z])(zero|oh|o|nought|one|two|three|four|five|six|seven|eight|nine|niner)(?![A-Za-z])`,
    String.raw`(?<![A-Za-z])(double|triple)(?![A-Za-z])`,
    String.raw`((?<![A-Za-z])(?:then|followed by|dash|hyphen|space)(?![A-Za-z])|然后|然後|接着|接著|后面是|後面是|再|杠|槓)`,
    // "and" and punctuation join groups but do not by themselves make a sequence spoken:
    // "between 2019 and 2024" is not a number read out.
    String.raw`((?<![A-Za-z])and(?![A-Za-z])|[,\-/.+])`,
  ].join('|'),
  'gi',
);
const MAX_DIGITS = 20;

interface Sequence {
  start: number;
  end: number;
  digits: string;
  lens: number[];
  worded: boolean;
  /** Groups joined by a comma ("138，0013，8000"): a phone only after a phone word. */
  commas: boolean;
  repeat: number;
  /** The current group is made of digit words (a digit group or a joiner closes it). */
  inWords: boolean;
}

const fresh = (): Sequence => ({ start: -1, end: -1, digits: '', lens: [], worded: false, commas: false, repeat: 1, inWords: false });

/** Three groups of 3–4 digits, not a list of years: "138，0013，8000" but not "138, 2024, 2025". */
function commaGrouped(seq: Sequence): boolean {
  if (seq.lens.length !== 3 || !seq.lens.every((l) => l === 3 || l === 4)) return false;
  let at = 0;
  let years = 0;
  for (const l of seq.lens) {
    if (l === 4 && /^(?:19|20)\d\d$/.test(seq.digits.slice(at, at + 4))) years++;
    at += l;
  }
  return years < 2;
}

function judge(seq: Sequence, ctx: ContextIndex): Kind | null {
  const n = seq.digits.length;
  if (!(seq.worded || seq.commas) || n < 7 || n > 15) return null;
  const c: Candidate = { digits: seq.digits, lens: seq.lens, seps: seq.lens.slice(1).map(() => ' '), plus: false, xAfter: false, wholeRun: true, runStart: true, start: seq.start, end: seq.end };
  const hit = classify(c, ctx);
  const phoneWord = ctx.before('phone', seq.start, 40) || ctx.label(seq.start) === 'phone';
  if (!seq.worded) return hit?.kind === 'phone' && phoneWord && commaGrouped(seq) ? 'phone' : null;
  if (hit) return hit.kind;
  return phoneWord && ctx.label(seq.start) !== 'order' && !ctx.quantity(seq.start, seq.end) ? 'phone' : null;
}

/** Phone numbers (and other numbers) spelt out in words in the normalised text `s`. */
export function findSpokenNumbers(s: string, ctx: ContextIndex): Span[] {
  const spans: Span[] = [];
  let seq = fresh();
  let lastEnd = -1;
  const flush = () => {
    const kind = judge(seq, ctx);
    if (kind) spans.push({ start: seq.start, end: seq.end, kind });
    seq = fresh();
  };
  const addDigits = (digits: string, start: number, end: number, word: boolean) => {
    if (seq.digits.length + digits.length > MAX_DIGITS) flush();
    if (seq.start < 0) seq.start = start;
    const times = digits.length === 1 ? seq.repeat : 1;
    seq.digits += digits.repeat(times);
    if (word && seq.inWords) seq.lens[seq.lens.length - 1]! += times;
    else seq.lens.push(digits.length * times);
    seq.inWords = word;
    seq.worded ||= word || seq.repeat > 1;
    seq.repeat = 1;
    seq.end = end;
  };
  FINDER.lastIndex = 0;
  for (let m = FINDER.exec(s); m; m = FINDER.exec(s)) {
    const start = m.index;
    const end = start + m[0].length;
    const gap = s.slice(lastEnd, start);
    if (lastEnd >= 0 && !(gap.length <= 3 && /^ *$/.test(gap))) flush();
    lastEnd = end;
    if (m[1] !== undefined) addDigits(m[1], start, end, false);
    else if (m[2] !== undefined) addDigits(WORD_DIGITS[m[2].toLowerCase()]!, start, end, true);
    else if (m[3] !== undefined) {
      if (seq.start < 0) seq.start = start;
      seq.repeat = m[3].toLowerCase() === 'double' ? 2 : 3;
    }
    else if (seq.start >= 0) {
      // A joining word or punctuation: closes the group; a word marks the sequence as spoken.
      seq.inWords = false;
      if (m[4] !== undefined) seq.worded = true;
      else if (m[5] === ',') seq.commas = true;
    }
  }
  flush();
  return spans;
}
