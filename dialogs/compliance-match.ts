/**
 * Matching one compliance pattern at one position of a text read by ./compliance-text.ts: the
 * compiled elements (word lists, numbers, gaps, the next clause, the clause end), what each
 * covers at each position and where it next starts (worked out at most once per text, so a
 * gap jumps straight to its next word), and whether a negator or frame denies a match.
 */
import { isDigit, stem, type Token } from './compliance-text.ts';

/** A word list or text compiled to token sequences, looked up by their first token. */
export type Word = { kind: 'tokens'; id: number; byFirst: Map<string, string[][]> } | { kind: 'number'; id: number };
export type Element = Word | { kind: 'gap'; max: number } | { kind: 'next' } | { kind: 'end' };
export interface Compiled {
  /** Index into `rules.rules`, or -1 for an exception that holds for every rule. */
  rule: number;
  /** A promise pattern, or wording that lets its rule (or every rule) pass. */
  excuses: boolean;
  elements: Element[];
  reach: number;
  frameReach: number;
}

/** Index key of patterns that begin with {number}. */
export const NUM = '<number>';
export const ZH_NUMERALS = new Set([...'零〇一二两三四五六七八九十百千万亿']);
/** The longest run of Chinese numerals read as one number ("一千二百三十四万五千六百七十八"). */
const MAX_NUMERALS = 16;
export const EN_NUMBERS = new Set(
  'one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty hundred'.split(' ').map((w) => stem(w)),
);

/**
 * One text being checked: its tokens and, per element, the lengths it covers at each position
 * and the next position where it starts — each worked out at most once per text.
 */
export interface Reading {
  tokens: Token[];
  lengths: (number[] | undefined)[][];
  next: (Int32Array | undefined)[];
}

const NONE: number[] = [];
const isNumeral = (token: Token | undefined, clause: number) => token?.clause === clause && ZH_NUMERALS.has(token.t);

/**
 * Lengths a word or number element covers at `pos` inside `clause`. A run of Chinese numerals
 * is one number, read from its first numeral (or without its last unit: "三十|万").
 */
function lengthsAt(el: Word, reading: Reading, pos: number, clause: number): number[] {
  const { tokens } = reading;
  const token = tokens[pos];
  if (token?.clause !== clause) return NONE;
  const memo = (reading.lengths[el.id] ??= new Array(tokens.length));
  const known = memo[pos];
  if (known) return known;
  let lengths = NONE;
  if (el.kind === 'number') {
    if (isDigit(token.t[0]) || EN_NUMBERS.has(token.t)) lengths = [1];
    else if (!isNumeral(tokens[pos - 1], clause)) {
      let n = 0;
      while (n < MAX_NUMERALS && isNumeral(tokens[pos + n], clause)) n++;
      if (n > 0) lengths = n > 1 ? [n, n - 1] : [1];
    }
  } else {
    for (const alt of el.byFirst.get(token.t) ?? NONE_ALTS) {
      let k = 1;
      while (k < alt.length && tokens[pos + k]?.clause === clause && tokens[pos + k]!.t === alt[k]) k++;
      if (k === alt.length) lengths = lengths === NONE ? [k] : [...lengths, k];
    }
  }
  memo[pos] = lengths;
  return lengths;
}
const NONE_ALTS: string[][] = [];

/** The first position from `pos` where `el` starts (tokens.length if none). */
function nextStart(el: Word, reading: Reading, pos: number): number {
  const { tokens } = reading;
  let next = reading.next[el.id];
  if (!next) {
    next = reading.next[el.id] = new Int32Array(tokens.length + 1);
    next[tokens.length] = tokens.length;
    for (let q = tokens.length - 1; q >= 0; q--) {
      const could = el.kind === 'number' || el.byFirst.has(tokens[q]!.t);
      next[q] = could && lengthsAt(el, reading, q, tokens[q]!.clause).length > 0 ? q : next[q + 1]!;
    }
  }
  return next[pos]!;
}

/** Whether a gap cannot go past `token`: it ends the clause, or denies and the pattern does not excuse. */
const stopsGap = (token: Token, clause: number, excuses: boolean) => token.clause !== clause || (token.negator !== '' && !excuses);

/**
 * End of a match of `elements[e…]` from `pos`, or -1; the spans of the words matched go into
 * `spans`. Gaps stay in the clause and skip no negator or frame (unless the pattern excuses);
 * "next" goes on at the first token of the following clause, past clause-break words.
 */
export function matchFrom(pattern: Compiled, e: number, reading: Reading, pos: number, clause: number, spans: number[]): number {
  const { elements, excuses } = pattern;
  const { tokens } = reading;
  if (e === elements.length) return pos;
  const el = elements[e]!;
  if (el.kind === 'next') {
    if (pos === 0 || tokens[pos - 1]!.clause !== clause) return -1;
    let q = pos;
    while (tokens[q]?.clause === -1) q++;
    return q < tokens.length && tokens[q]!.clause > clause ? matchFrom(pattern, e + 1, reading, q, tokens[q]!.clause, spans) : -1;
  }
  if (el.kind === 'end') return tokens[pos + 2]?.clause === clause ? -1 : matchFrom(pattern, e + 1, reading, pos, clause, spans);
  if (el.kind === 'gap') {
    // Tries each position up to `max` tokens on, jumping straight to where the next word starts.
    const after = elements[e + 1]!;
    const last = Math.min(pos + el.max, tokens.length - 1);
    for (let p = pos; p <= last; p++) {
      if (after.kind === 'tokens' || after.kind === 'number') {
        const q = nextStart(after, reading, p);
        if (q > last) return -1;
        for (; p < q; p++) if (stopsGap(tokens[p]!, clause, excuses)) return -1;
      }
      const end = matchFrom(pattern, e + 1, reading, p, clause, spans);
      if (end >= 0) return end;
      if (stopsGap(tokens[p]!, clause, excuses)) return -1;
    }
    return -1;
  }
  for (const length of lengthsAt(el, reading, pos, clause)) {
    const end = matchFrom(pattern, e + 1, reading, pos + length, clause, spans);
    if (end >= 0) {
      spans.push(pos, pos + length);
      return end;
    }
  }
  return -1;
}

/** Whether a negator (or, a little further, a frame) stands before `start` in its clause. */
export function negatedBefore(tokens: Token[], start: number, pattern: Compiled): boolean {
  const clause = tokens[start]!.clause;
  const furthest = Math.max(pattern.reach, pattern.frameReach);
  for (let k = start - 1, between = 0; k >= 0 && tokens[k]!.clause === clause && between <= furthest; k--, between++) {
    const mark = tokens[k]!.negator;
    if ((mark === 'deny' && between <= pattern.reach) || (mark === 'frame' && between <= pattern.frameReach)) return true;
  }
  return false;
}
