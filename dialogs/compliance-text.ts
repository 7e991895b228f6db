/**
 * How the compliance guard reads a text before matching its rules: tokens that remember where
 * they stood in the rep's own words, clauses and sentences, and the marks phrases put on tokens
 * (negators, wish / report frames, clause breaks, denials after the fact, warnings).
 *
 * - Each character or word goes through the project's normaliser (full width → half width,
 *   traditional → simplified, lower case, "dont" → "don't"), keeping its span in the original.
 *   Chinese gives one token per character, English one Porter stem per word, digits one number.
 *   The guard stems with Porter itself, not with the classifier's tuned stemmer, so that a rule
 *   written as "guarantee" keeps finding "guarantees" whatever the classifier needs.
 * - Punctuation ends a clause; 。！？；.!?; and a line break also end a sentence. Clause-break
 *   words ("但是", "but", "and") start a new clause and belong to none (clause -1).
 * Phrase lookups go by first token, longest phrase first, so marking is linear in the length.
 */
import { normalise } from '../intents/normalise.ts';
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';

export interface Token {
  t: string;
  start: number;
  end: number;
  clause: number;
  sentence: number;
  /** 'deny': a negator; 'frame': a wish, question, report or past-tense frame; '' neither. */
  negator: '' | 'deny' | 'frame';
}

const HAN = /\p{Script=Han}/u;
const CLAUSE_END = new Set([...',.!?;:，。！？；：、…\n()（）—~～']);
const SENTENCE_END = new Set([...'.!?;。！？；\n']);
const stems = new Map<string, string>();
/** The Porter stem of one lower-case English word (memoised). */
export function stem(word: string): string {
  let s = stems.get(word);
  if (s === undefined) {
    s = PorterStemmer.stem(word);
    if (stems.size < 100_000) stems.set(word, s);
  }
  return s;
}

export const isDigit = (ch: string | undefined) => ch !== undefined && ch >= '0' && ch <= '9';
const isLetter = (ch: string | undefined) => ch !== undefined && ((ch >= 'a' && ch <= 'z') || isDigit(ch) || ch === "'");

/**
 * One character outside Chinese folded as the normaliser does (full width → half width, lower
 * case, typographic apostrophes straight) — but never expanded: contractions and shorthand
 * are the normaliser's business at word level, where "u" is a word and not a letter.
 */
function foldChar(c: string): string {
  if (c < '\u007f') return c.toLowerCase();
  return c.normalize('NFKC').toLowerCase().replace(/[\u2018\u2019\u02bc\u0060\u00b4]/g, "'").replace(/[\u201c\u201d]/g, '"');
}

/** Normalised characters of `text`, each with the span of the original it came from. */
function normaliseKeepingOffsets(text: string): { ch: string; start: number; end: number }[] {
  const out: { ch: string; start: number; end: number }[] = [];
  const points = [...text];
  let offset = 0;
  for (let i = 0; i < points.length; ) {
    if (HAN.test(points[i]!)) {
      let j = i;
      const starts: number[] = [];
      let pos = offset;
      while (j < points.length && HAN.test(points[j]!)) starts.push(pos), (pos += points[j]!.length), j++;
      const run = points.slice(i, j);
      const whole = [...normalise(run.join(''))];
      const chars = whole.length === run.length ? whole : run.map((c) => normalise(c));
      chars.forEach((ch, k) => out.push({ ch, start: starts[k]!, end: starts[k]! + run[k]!.length }));
      offset = pos;
      i = j;
      continue;
    }
    const c = points[i]!;
    const n = /\s/u.test(c) ? ' ' : foldChar(c) || ' ';
    for (const ch of n) out.push({ ch, start: offset, end: offset + c.length });
    offset += c.length;
    i++;
  }
  return out;
}

/** Tokens of `text` (see the module comment), nothing marked yet. */
export function tokenise(text: string): Token[] {
  const chars = normaliseKeepingOffsets(text);
  const tokens: Token[] = [];
  let clause = 0;
  let sentence = 0;
  const push = (t: string, from: number, to: number) =>
    tokens.push({ t, start: chars[from]!.start, end: chars[to - 1]!.end, clause, sentence, negator: '' });
  for (let k = 0; k < chars.length; ) {
    const ch = chars[k]!.ch;
    let j = k + 1;
    if (HAN.test(ch)) push(ch, k, j);
    else if (isDigit(ch)) {
      while (isDigit(chars[j]?.ch) || ((chars[j]?.ch === '.' || chars[j]?.ch === ',') && isDigit(chars[j + 1]?.ch))) j++;
      push(chars.slice(k, j).map((c) => c.ch).join(''), k, j);
    } else if (isLetter(ch)) {
      while (isLetter(chars[j]?.ch)) j++;
      let word = chars.slice(k, j).map((c) => c.ch).join('').replace(/^'+|'+$/g, '');
      if (word.endsWith("'s")) word = word.slice(0, -2);
      word = normalise(word);
      if (word) push(word.includes("'") ? word : stem(word), k, j);
    } else if (ch === '%') push('%', k, j);
    else if (CLAUSE_END.has(ch) && tokens.at(-1)?.clause === clause) {
      clause++;
      if (SENTENCE_END.has(ch)) sentence++;
    } else if (SENTENCE_END.has(ch) && tokens.at(-1)?.sentence === sentence) sentence++;
    k = j;
  }
  return tokens;
}

/** What a phrase does to the tokens it covers. */
export const NEGATOR = 1;
export const FRAME = 2;
export const HARMLESS = 3;
export const BREAK = 4;
export const DENIED_AFTER = 5;
export const REPORTER = 6;
export const WARNING = 7;

export type PhraseIndex = Map<string, { tokens: string[]; kind: number }[]>;

/** Token sequences of phrases, by first token, longest first. */
export function phraseIndex(lists: [string[], number][]): PhraseIndex {
  const index: PhraseIndex = new Map();
  for (const [phrases, kind] of lists) {
    for (const phrase of phrases) {
      const tokens = tokenise(phrase).map((t) => t.t);
      if (tokens.length === 0) continue;
      const bucket = index.get(tokens[0]!) ?? [];
      bucket.push({ tokens, kind });
      index.set(tokens[0]!, bucket);
    }
  }
  for (const bucket of index.values()) bucket.sort((a, b) => b.tokens.length - a.tokens.length);
  return index;
}

/** Calls `found(start, length, kind)` for each longest phrase of `index`, left to right. */
function scan(tokens: Token[], index: PhraseIndex, found: (start: number, length: number, kind: number) => void): void {
  for (let i = 0; i < tokens.length; ) {
    const hit = index.get(tokens[i]!.t)?.find((p) => p.tokens.every((t, k) => tokens[i + k]?.t === t));
    if (hit) found(i, hit.tokens.length, hit.kind);
    i += hit ? hit.tokens.length : 1;
  }
}

/** Marks negators and frames and splits clauses at clause-break words, in place. */
export function markClauses(tokens: Token[], index: PhraseIndex): void {
  let shift = 0;
  let next = 0;
  scan(tokens, index, (start, length, kind) => {
    for (; next < start + length; next++) tokens[next]!.clause += shift;
    for (let k = start; k < start + length; k++) {
      tokens[k]!.negator = kind === NEGATOR ? 'deny' : kind === FRAME ? 'frame' : '';
      if (kind === BREAK) tokens[k]!.clause = -1;
    }
    if (kind === BREAK) shift++;
  });
  for (; next < tokens.length; next++) tokens[next]!.clause += shift;
}

/** Where, per clause and per sentence, denials after the fact and warning frames stand. */
export interface Frames {
  /** Clause → start of its last "no longer exists" phrase. */
  deniedAfter: Map<number, number>;
  /** Clause → start of its first reporter or warning ("有人跟您说", "beware of anyone who"). */
  clauseFrame: Map<number, number>;
  /** Sentence → start of its first reporter. */
  reporter: Map<number, number>;
  /** Sentence → start of its last warning ("要警惕", "be careful"). */
  warning: Map<number, number>;
}

/** Finds the frames of `index` (denials after the fact, reporters, warnings) in `tokens`. */
export function findFrames(tokens: Token[], index: PhraseIndex): Frames {
  const frames: Frames = { deniedAfter: new Map(), clauseFrame: new Map(), reporter: new Map(), warning: new Map() };
  scan(tokens, index, (start, _length, kind) => {
    const { clause, sentence } = tokens[start]!;
    if (kind === DENIED_AFTER) frames.deniedAfter.set(clause, start);
    else if (kind === REPORTER || kind === WARNING) {
      if (!frames.clauseFrame.has(clause)) frames.clauseFrame.set(clause, start);
      if (kind === REPORTER && !frames.reporter.has(sentence)) frames.reporter.set(sentence, start);
      if (kind === WARNING) frames.warning.set(sentence, start);
    }
  });
  return frames;
}
