/**
 * The compliance guard: finds promises a rep may not make to a customer (data/compliance.yaml)
 * in any text of the rep's that goes into a customer message, and says which rule forbids it,
 * why, and what to say instead.
 *
 * How a text is read (tokens, clauses, sentences and marks: ./compliance-text.ts):
 * 1. A pattern matches inside one clause; a "…" skips a few tokens but never a negator or a
 *   frame; "," goes on at the start of the next clause (past a clause-break word like "and").
 * 2. A match is not a finding when
 *   - a negator stands just before it in its clause ("不保本", "we can't guarantee returns"), or
 *     a wish, question, report or past frame a little further ("您希望本金不亏", "you said you
 *     want…", "去年年化至少4%"); a denied promise also denies the promises it covers or that
 *     follow it ("不承诺保本保息");
 *   - the rest of its clause says such promises no longer exist ("保本理财已经没有了");
 *   - its sentence is a warning about someone else's promise: a reporter or warning before it
 *     and a warning in the sentence ("有人跟您说稳赚不赔，要警惕", "beware of anyone who…");
 *   - it overlaps an exception ("零风险试用", "保证金") or its rule's `unless` — except when a
 *     longer word of the pattern itself holds the exception ("追缴保证金" stays a margin call).
 * Matching uses no regular expressions on the text: each position tries only the patterns whose
 * first token it holds, a pattern has at most three gaps, and what an element matches at a
 * position is worked out once per text, so time grows linearly with length.
 */
import { type ComplianceRules, type Pattern, type PatternPart } from '../data/compliance.ts';
import { LANGS, type Bilingual, type Lang } from '../data/playbook.ts';
import { stem } from '../intents/tokenise.ts';
import {
  BREAK, DENIED_AFTER, FRAME, HARMLESS, NEGATOR, REPORTER, WARNING,
  findFrames, isDigit, markClauses, phraseIndex, tokenise, type Frames, type PhraseIndex, type Token,
} from './compliance-text.ts';

/** One forbidden promise found in a text. */
export interface ComplianceFinding {
  ruleId: string;
  /** The words of the text that made the promise, as the rep wrote them. */
  matched: string;
  title: Bilingual;
  explanation: Bilingual;
  alternative: Bilingual;
}

/** A word list or text compiled to token sequences, looked up by their first token. */
type Word = { kind: 'tokens'; id: number; byFirst: Map<string, string[][]> } | { kind: 'number'; id: number };
type Element = Word | { kind: 'gap'; max: number } | { kind: 'next' } | { kind: 'end' };
interface Compiled {
  /** Index into `rules.rules`, or -1 for an exception that holds for every rule. */
  rule: number;
  /** A promise pattern, or wording that lets its rule (or every rule) pass. */
  excuses: boolean;
  elements: Element[];
  reach: number;
  frameReach: number;
}

interface Guard {
  phrases: PhraseIndex;
  frames: PhraseIndex;
  /** Patterns by the tokens they can start with. */
  byFirst: Map<string, Compiled[]>;
  /** How many distinct matching elements there are (for the per-text memo). */
  elements: number;
}

/** Index key of patterns that begin with {number}. */
const NUM = '<number>';
const ZH_NUMERALS = new Set([...'零〇一二两三四五六七八九十百千万亿']);
const EN_NUMBERS = new Set(
  'one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty hundred'.split(' ').map((w) => stem(w)),
);

const compiledRules = new WeakMap<ComplianceRules, Guard>();

function compile(rules: ComplianceRules): Guard {
  const cached = compiledRules.get(rules);
  if (cached) return cached;
  const phrases = phraseIndex(LANGS.flatMap((lang): [string[], number][] => [
    [rules.negators[lang], NEGATOR],
    [rules.notPromising[lang], FRAME],
    [rules.notNegators[lang], HARMLESS],
    [rules.clauseBreaks[lang], BREAK],
  ]));
  const frames = phraseIndex(LANGS.flatMap((lang): [string[], number][] => [
    [rules.deniedAfter[lang], DENIED_AFTER],
    [rules.reporters[lang], REPORTER],
    [rules.warnings[lang], WARNING],
    [rules.notWarnings[lang], HARMLESS],
  ]));
  const byFirst = new Map<string, Compiled[]>();
  const shared = new Map<string, Element>();
  const element = (part: PatternPart, lang: Lang): Element => {
    if (part.kind === 'gap') return { kind: 'gap', max: rules.gap[lang] };
    if (part.kind === 'next' || part.kind === 'end') return { kind: part.kind };
    const key = part.kind === 'number' ? NUM : `${lang}:${part.kind}:${part.kind === 'text' ? part.text : part.name}`;
    const known = shared.get(key);
    if (known) return known;
    let made: Element = { kind: 'number', id: shared.size };
    if (part.kind !== 'number') {
      const texts = part.kind === 'text' ? [part.text] : (rules.words[part.name]?.[lang] ?? []);
      const index = new Map<string, string[][]>();
      for (const alt of texts.map((text) => tokenise(text).map((t) => t.t)).filter((a) => a.length > 0)) {
        index.set(alt[0]!, [...(index.get(alt[0]!) ?? []), alt]);
      }
      for (const bucket of index.values()) bucket.sort((a, b) => b.length - a.length);
      made = { kind: 'tokens', id: shared.size, byFirst: index };
    }
    shared.set(key, made);
    return made;
  };
  const add = (pattern: Pattern, lang: Lang, rule: number, excuses: boolean) => {
    const elements = pattern.parts.map((part) => element(part, lang));
    const compiled: Compiled = { rule, excuses, elements, reach: rules.negationReach[lang], frameReach: rules.frameReach[lang] };
    const first = elements[0]!;
    const keys = first.kind === 'tokens' ? [...first.byFirst.keys()] : [NUM, ...ZH_NUMERALS, ...EN_NUMBERS];
    for (const key of new Set(keys)) byFirst.set(key, [...(byFirst.get(key) ?? []), compiled]);
  };
  for (const lang of LANGS) {
    for (const pattern of rules.exceptions[lang]) add(pattern, lang, -1, true);
    rules.rules.forEach((rule, r) => {
      for (const pattern of rule.patterns[lang]) add(pattern, lang, r, false);
      for (const pattern of rule.unless[lang]) add(pattern, lang, r, true);
    });
  }
  const guard = { phrases, frames, byFirst, elements: shared.size };
  compiledRules.set(rules, guard);
  return guard;
}

/** One text being checked: its tokens and, per element and position, the lengths it covers. */
interface Reading {
  tokens: Token[];
  memo: (number[] | undefined)[][];
}

const NONE: number[] = [];

/** Lengths a word or number element covers at `pos` inside `clause` (worked out once). */
function lengthsAt(el: Word, reading: Reading, pos: number, clause: number): number[] {
  const { tokens } = reading;
  if (tokens[pos]?.clause !== clause) return NONE;
  const memo = (reading.memo[el.id] ??= []);
  const known = memo[pos];
  if (known) return known;
  const at = (k: number) => (tokens[k]?.clause === clause ? tokens[k]!.t : undefined);
  let lengths = NONE;
  if (el.kind === 'number') {
    const t = tokens[pos]!.t;
    let n = 0;
    if (isDigit(t[0]) || EN_NUMBERS.has(t)) n = 1;
    else while (ZH_NUMERALS.has(at(pos + n) ?? '')) n++;
    if (n > 0) lengths = Array.from({ length: n }, (_, k) => n - k);
  } else {
    const candidates = el.byFirst.get(tokens[pos]!.t);
    if (candidates) lengths = candidates.filter((alt) => alt.every((t, k) => at(pos + k) === t)).map((alt) => alt.length);
  }
  memo[pos] = lengths;
  return lengths;
}

/**
 * End of a match of `elements[e…]` from `pos`, or -1; the spans of the words matched go into
 * `spans`. Gaps stay in the clause and skip no negator or frame (unless the pattern excuses);
 * "next" goes on at the first token of the following clause, past clause-break words.
 */
function matchFrom(pattern: Compiled, e: number, reading: Reading, pos: number, clause: number, spans: number[]): number {
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
    for (let p = pos; p <= pos + el.max && p < tokens.length; p++) {
      if (p > pos && (tokens[p - 1]!.clause !== clause || (tokens[p - 1]!.negator && !excuses))) break;
      const end = matchFrom(pattern, e + 1, reading, p, clause, spans);
      if (end >= 0) return end;
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
function negatedBefore(tokens: Token[], start: number, pattern: Compiled): boolean {
  const clause = tokens[start]!.clause;
  const furthest = Math.max(pattern.reach, pattern.frameReach);
  for (let k = start - 1, between = 0; k >= 0 && tokens[k]!.clause === clause && between <= furthest; k--, between++) {
    const mark = tokens[k]!.negator;
    if ((mark === 'deny' && between <= pattern.reach) || (mark === 'frame' && between <= pattern.frameReach)) return true;
  }
  return false;
}

/**
 * Whether the match is framed away: the rest of its clause says such promises no longer exist,
 * or its sentence (with the next one) warns about someone else's promise — a reporter or
 * warning earlier in its clause ("beware of anyone who…"), or a reporter before it and the
 * warning after it ("有人跟您说…，要警惕", "有人跟您保证年化10%？那是骗局").
 */
function framedAway(frames: Frames, tokens: Token[], start: number, end: number): boolean {
  const { clause, sentence } = tokens[start]!;
  if ((frames.deniedAfter.get(clause) ?? -1) >= end) return true;
  const warning = frames.warning.get(sentence) ?? frames.warning.get(sentence + 1);
  if (warning === undefined) return false;
  return (frames.clauseFrame.get(clause) ?? Infinity) < start || ((frames.reporter.get(sentence) ?? Infinity) < start && warning >= end);
}

interface Match {
  rule: number;
  start: number;
  end: number;
  /** Token spans of the words the pattern matched, as [from, to, from, to, …]. */
  spans: number[];
}

/** Whether exception `x` lets `m` pass: they overlap and no word of `m` holds all of `x`. */
function excuses(x: Match, m: Match): boolean {
  if ((x.rule >= 0 && x.rule !== m.rule) || x.start >= m.end || m.start >= x.end) return false;
  for (let k = 0; k < m.spans.length; k += 2) {
    const [from, to] = [m.spans[k]!, m.spans[k + 1]!];
    if (from <= x.start && x.end <= to && to - from > x.end - x.start) return false;
  }
  return true;
}

/**
 * The forbidden promises in `text`: one finding per rule broken, in the order they appear.
 * Pure: the same rules and text always give the same findings.
 */
export function checkCompliance(rules: ComplianceRules, text: string): ComplianceFinding[] {
  const guard = compile(rules);
  const tokens = tokenise(text);
  markClauses(tokens, guard.phrases);
  const frames = findFrames(tokens, guard.frames);
  const reading: Reading = { tokens, memo: new Array(guard.elements) };
  const matches: Match[] = [];
  const excused: Match[] = [];
  const spans: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const { t, clause } = tokens[i]!;
    if (clause < 0) continue;
    const candidates = guard.byFirst.get(t) ?? [];
    for (const pattern of isDigit(t[0]) ? [...candidates, ...(guard.byFirst.get(NUM) ?? [])] : candidates) {
      spans.length = 0;
      const end = matchFrom(pattern, 0, reading, i, clause, spans);
      if (end < 0) continue;
      if (pattern.excuses) excused.push({ rule: pattern.rule, start: i, end, spans: [...spans] });
      else if (negatedBefore(tokens, i, pattern)) {
        // A denied promise denies what it covers and what follows it: "不承诺保本保息".
        excused.push({ rule: -1, start: i, end, spans: [] });
        for (let k = i; k < end; k++) tokens[k]!.negator ||= 'deny';
      } else if (!framedAway(frames, tokens, i, end)) matches.push({ rule: pattern.rule, start: i, end, spans: [...spans] });
    }
  }
  const findings: ComplianceFinding[] = [];
  const reported = new Set<number>();
  for (const match of matches) {
    if (reported.has(match.rule) || excused.some((x) => excuses(x, match))) continue;
    reported.add(match.rule);
    const { id, title, explanation, alternative } = rules.rules[match.rule]!;
    const matched = text.slice(tokens[match.start]!.start, tokens[match.end - 1]!.end);
    findings.push({ ruleId: id, matched, title, explanation, alternative });
  }
  return findings;
}
