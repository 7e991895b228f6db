/**
 * Numbers in free text: one left-to-right pass gathers runs of digit groups joined by short
 * separators (spaces, '-', '.', '/', '*', parentheses, a line break — at most three characters
 * between groups, so "138 1234 5678", "1 3 8 1 2 …", "(010) 6234-5678", "138*1234*5678" and
 * "6222  0212 …" are each one run),
 * then tries the group-aligned spans of each run, longest first, against the formats in
 * classify.ts. A span never holds more than 19 digits, so the work per group is bounded.
 */
import { classify, type Candidate } from './classify.ts';
import type { ContextIndex } from './context.ts';
import { digitAt, isAsciiLetter, isDigit } from './normalise.ts';
import type { Span } from './kinds.ts';

const SEPARATORS = ' -.()/*\n\r';
const MAX_SEPARATOR = 3;
const MAX_DIGITS = 19;
/** Letters that may be glued to a number and still label it ("tel13812345678"). */
const GLUED_LABELS = new Set(['tel', 'phone', 'mobile', 'mob', 'cell', 'no', 'num', 'call', 'fax', 'hp', 'm', 't', 'p', 'ph', 'id']);
/** What may follow a phone number as its extension: "ext. 12", "x12", "转 801", "-8001". */
const EXTENSION = /(?:,?\s{0,2}\(?(?:ext\.?|extn\.?|extension|x|#|转|轉|分机号?|分機號?|内线|內線)\s{0,2}(?:no\.?\s?)?:?\s{0,2}|-)\d{1,6}(?!\d)/iy;

interface Group {
  start: number;
  end: number;
}

/** Whether letters glued before `pos` make the number part of a code (SF1234…, v2.1…, SO-2024-…). */
function gluedToCode(s: string, pos: number): boolean {
  const end = (s[pos - 1] === '-' || s[pos - 1] === '#') && isAsciiLetter(s[pos - 2]) ? pos - 1 : pos;
  if (!isAsciiLetter(s[end - 1]) && s[end - 1] !== '_') return false;
  let from = end;
  while (from > 0 && end - from < 8 && isAsciiLetter(s[from - 1])) from--;
  return !GLUED_LABELS.has(s.slice(from, end).toLowerCase()) || isAsciiLetter(s[from - 1]);
}

/** Start of the span with a leading '+', "(+" or '(' that belongs to it. */
function prefixStart(s: string, start: number, plus: boolean, text: string): number {
  let p = start;
  if (plus && s[p - 1] === '+') p--;
  else if (plus && s[p - 2] === '+') p -= 2;
  if (s[p - 1] === '(' && text.includes(')')) p--;
  return p;
}

/** A '+' before the number, or a click-to-chat link (wa.me/…) that stands for one. */
function plusBefore(s: string, pos: number): boolean {
  return s[pos - 1] === '+' || s.slice(pos - 6, pos).toLowerCase() === 'wa.me/' || (s[pos - 1] === ' ' && s[pos - 2] === '+') || (s[pos - 1] === '(' && s[pos - 2] === '+');
}

/** Finds phone numbers, resident IDs and bank cards in the normalised text `s`. */
export function findNumbers(s: string, ctx: ContextIndex): Span[] {
  const spans: Span[] = [];
  let i = 0;
  while (i < s.length) {
    if (!digitAt(s, i)) {
      i++;
      continue;
    }
    const groups: Group[] = [];
    let j = i;
    for (;;) {
      const start = j;
      while (digitAt(s, j)) j++;
      groups.push({ start, end: j });
      let k = j;
      while (k < s.length && k - j < MAX_SEPARATOR && SEPARATORS.includes(s[k]!)) k++;
      if (k === j || !digitAt(s, k)) break;
      j = k;
    }
    spansOfRun(s, groups, ctx, spans);
    i = j;
  }
  return spans;
}

function spansOfRun(s: string, groups: Group[], ctx: ContextIndex, out: Span[]): void {
  // All the run's digits as one flat string, and where each group starts in it: a span's
  // digits are then a slice, not a string rebuilt (and re-flattened) for every span.
  const offsets: number[] = [0];
  const parts: string[] = [];
  for (const g of groups) {
    parts.push(s.slice(g.start, g.end));
    offsets.push(offsets.at(-1)! + g.end - g.start);
  }
  if (offsets.at(-1)! < 7 || ctx.inLink(groups[0]!.start)) return;
  // A run labelled as an order, tracking or meeting number is one, whatever it contains —
  // up to a line break: the next line may be a phone number on its own.
  let first = 0;
  if (ctx.label(groups[0]!.start) === 'order') {
    first = groups.findIndex((g, k) => k > 0 && s.slice(groups[k - 1]!.end, g.start).includes('\n'));
    if (first < 0) return;
  }
  const runDigits = parts.join('');
  const last = groups.length - 1;
  const gluedLeft = first === 0 && gluedToCode(s, groups[0]!.start);
  const tail = groups[last]!.end;
  const gluedRight = (isAsciiLetter(s[tail]) || s[tail] === '_') && !/^(?:[xX](?![A-Za-z])|ext)/i.test(s.slice(tail, tail + 3));
  let i = gluedLeft ? 1 : first;
  // Where a number may begin: the run's start, right after a datum found in it, or (to step
  // over leading figures) a group of three or more digits. Never every single digit of
  // "1 2 3 4 …", which would cost 13 classifications per digit.
  let fresh = gluedLeft ? -1 : i;
  while (i <= last) {
    // A group that opens a line opens a number too ("… 2024\n010 6234 5678").
    if (i > fresh && s.slice(groups[i - 1]!.end, groups[i]!.start).includes('\n')) fresh = i;
    if (i !== fresh && groups[i]!.end - groups[i]!.start < 3) {
      i++;
      continue;
    }
    let best: { j: number; span: Span } | null = null;
    const plus = i === 0 && plusBefore(s, groups[0]!.start);
    const lens: number[] = [];
    const seps: string[] = [];
    for (let j = i; j <= last; j++) {
      const g = groups[j]!;
      const length = offsets[j + 1]! - offsets[i]!;
      if (length > MAX_DIGITS) break;
      lens.push(g.end - g.start);
      if (j > i) seps.push(s.slice(groups[j - 1]!.end, g.start));
      if (length < 7) continue;
      const digits = runDigits.slice(offsets[i], offsets[j + 1]);
      // The closing X of an ID, glued on or after one space ("… 002X", "… 002 X").
      const xAt = s[g.end] === ' ' ? g.end + 1 : g.end;
      const xAfter = j === last && (s[xAt] === 'X' || s[xAt] === 'x') && !isAsciiLetter(s[xAt + 1]) && !isDigit(s[xAt + 1]);
      if (j === last && gluedRight && !(xAfter && digits.length === 17)) continue;
      const c: Candidate = { digits, lens, seps, plus, xAfter, wholeRun: i === fresh && j === last, runStart: i === fresh, start: groups[i]!.start, end: g.end };
      const hit = classify(c, ctx);
      if (hit) best = { j, span: { start: c.start, end: hit.withX ? xAt + 1 : c.end, kind: hit.kind } };
    }
    if (!best) {
      i++;
      continue;
    }
    const span = best.span;
    if (span.kind === 'phone') {
      EXTENSION.lastIndex = span.end;
      if (EXTENSION.test(s)) span.end = EXTENSION.lastIndex;
    }
    span.start = prefixStart(s, span.start, plus, s.slice(span.start, span.end));
    out.push(span);
    i = best.j + 1;
    while (i <= last && groups[i]!.start < span.end) i++;
    fresh = i;
  }
}
