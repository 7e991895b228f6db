/**
 * The compliance guard: finds promises a rep may not make to a customer (data/compliance.yaml)
 * in any text of the rep's that goes into a customer message, and says which rule forbids it,
 * why, and what to say instead.
 *
 * How a text is read:
 * 1. Each character or word is put through the project's normaliser (full width → half width,
 *   traditional → simplified, lower case, "dont" → "don't"), keeping where it stood in the
 *   original, so a finding quotes the rep's own words. Chinese gives one token per character,
 *   English one Porter stem per word, digits one number token.
 * 2. Punctuation and clause-break words ("但是", "but") split clauses; negators ("不", "can't")
 *   are marked, except inside phrases that only look negative ("不用担心", "no doubt").
 * 3. A pattern matches inside one clause; a "…" skips a few tokens but never a negator. A match
 *   with a negator just before it in its clause ("不保本", "we can't guarantee returns") and a
 *   match overlapping an exception ("零风险试用") are not findings; a denied promise also denies
 *   the promises it covers or that follow it ("不承诺保本保息").
 * Matching uses no regular expressions on the text: each position tries only the patterns whose
 * first token it holds, and a pattern has at most three gaps, so time grows linearly with length.
 */
import { type ComplianceRules, type Pattern, type PatternPart } from '../data/compliance.ts';
import { LANGS, type Bilingual, type Lang } from '../data/playbook.ts';
import { normalise } from '../intents/normalise.ts';
import { stem } from '../intents/tokenise.ts';

/** One forbidden promise found in a text. */
export interface ComplianceFinding {
  ruleId: string;
  /** The words of the text that made the promise, as the rep wrote them. */
  matched: string;
  title: Bilingual;
  explanation: Bilingual;
  alternative: Bilingual;
}

interface Token {
  t: string;
  start: number;
  end: number;
  clause: number;
  negator: boolean;
}

/** A word list or text compiled to token sequences, looked up by their first token. */
type Element = { kind: 'tokens'; alternatives: string[][]; byFirst: Map<string, string[][]> } | { kind: 'number' } | { kind: 'gap'; max: number } | { kind: 'next' } | { kind: 'end' };
interface Compiled {
  /** Index into `rules.rules`, or -1 for an exception that holds for every rule. */
  rule: number;
  /** A promise pattern, or wording that lets its rule (or every rule) pass. */
  excuses: boolean;
  elements: Element[];
  reach: number;
}

/** Index key of patterns that begin with {number}. */
const NUM = '<number>';
const HAN = /\p{Script=Han}/u;
const CLAUSE_END = new Set([...',.!?;:，。！？；：、…\n()（）—~～']);
const ZH_NUMERALS = new Set([...'零〇一二两三四五六七八九十百千万亿']);
const EN_NUMBERS = new Set(
  'one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty hundred'.split(' ').map((w) => stem(w)),
);
const isDigit = (ch: string | undefined) => ch !== undefined && ch >= '0' && ch <= '9';
const isLetter = (ch: string | undefined) => ch !== undefined && ((ch >= 'a' && ch <= 'z') || isDigit(ch) || ch === "'");

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
    const n = /\s/u.test(c) ? ' ' : normalise(c) || ' ';
    for (const ch of n) out.push({ ch, start: offset, end: offset + c.length });
    offset += c.length;
    i++;
  }
  return out;
}

/** Tokens of `text` (see the module comment), negators not yet marked. */
function tokenise(text: string): Token[] {
  const chars = normaliseKeepingOffsets(text);
  const tokens: Token[] = [];
  let clause = 0;
  const push = (t: string, from: number, to: number) => tokens.push({ t, start: chars[from]!.start, end: chars[to - 1]!.end, clause, negator: false });
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
    else if (CLAUSE_END.has(ch) && tokens.at(-1)?.clause === clause) clause++;
    k = j;
  }
  return tokens;
}

/** Token sequences of phrases, by first token, longest first. */
function phraseIndex(lists: [string[], number][]): Map<string, { tokens: string[]; kind: number }[]> {
  const index = new Map<string, { tokens: string[]; kind: number }[]>();
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

const NEGATOR = 1;
const HARMLESS = 2;
const BREAK = 3;

/** Marks negators and splits clauses at clause-break words, in place. */
function markClauses(tokens: Token[], index: ReturnType<typeof phraseIndex>): void {
  let shift = 0;
  for (let i = 0; i < tokens.length; ) {
    tokens[i]!.clause += shift;
    const found = index.get(tokens[i]!.t)?.find((p) => p.tokens.every((t, k) => tokens[i + k]?.t === t));
    if (!found) {
      i++;
      continue;
    }
    for (let k = 1; k < found.tokens.length; k++) tokens[i + k]!.clause += shift;
    for (let k = 0; k < found.tokens.length; k++) tokens[i + k]!.negator = found.kind === NEGATOR;
    if (found.kind === BREAK) {
      for (let k = 0; k < found.tokens.length; k++) tokens[i + k]!.clause = -1;
      shift++;
    }
    i += found.tokens.length;
  }
}

interface Guard {
  phrases: ReturnType<typeof phraseIndex>;
  /** Patterns by the tokens they can start with. */
  byFirst: Map<string, Compiled[]>;
}

const compiledRules = new WeakMap<ComplianceRules, Guard>();

function compile(rules: ComplianceRules): Guard {
  const cached = compiledRules.get(rules);
  if (cached) return cached;
  const phrases = phraseIndex(LANGS.flatMap((lang): [string[], number][] => [
    [rules.negators[lang], NEGATOR],
    [rules.notPromising[lang], NEGATOR],
    [rules.notNegators[lang], HARMLESS],
    [rules.clauseBreaks[lang], BREAK],
  ]));
  const byFirst = new Map<string, Compiled[]>();
  const add = (pattern: Pattern, lang: Lang, rule: number, excuses: boolean) => {
    const elements = pattern.parts.map((part) => element(part, rules, lang));
    const compiled: Compiled = { rule, excuses, elements, reach: rules.negationReach[lang] };
    const first = elements[0]!;
    const keys = first.kind === 'tokens' ? first.alternatives.map((a) => a[0]!) : [NUM, ...ZH_NUMERALS, ...EN_NUMBERS];
    for (const key of new Set(keys)) byFirst.set(key, [...(byFirst.get(key) ?? []), compiled]);
  };
  for (const lang of LANGS) {
    for (const pattern of rules.exceptions[lang]) add(pattern, lang, -1, true);
    rules.rules.forEach((rule, r) => {
      for (const pattern of rule.patterns[lang]) add(pattern, lang, r, false);
      for (const pattern of rule.unless[lang]) add(pattern, lang, r, true);
    });
  }
  const guard = { phrases, byFirst };
  compiledRules.set(rules, guard);
  return guard;
}

function element(part: PatternPart, rules: ComplianceRules, lang: Lang): Element {
  if (part.kind === 'gap') return { kind: 'gap', max: rules.gap[lang] };
  if (part.kind === 'number' || part.kind === 'next' || part.kind === 'end') return { kind: part.kind };
  const texts = part.kind === 'text' ? [part.text] : (rules.words[part.name]?.[lang] ?? []);
  const alternatives = texts.map((text) => tokenise(text).map((t) => t.t)).filter((a) => a.length > 0);
  const byFirst = new Map<string, string[][]>();
  for (const alt of alternatives) byFirst.set(alt[0]!, [...(byFirst.get(alt[0]!) ?? []), alt]);
  return { kind: 'tokens', alternatives, byFirst };
}

/** Lengths the element can cover at `pos` inside `clause`. */
function lengthsAt(el: Element, tokens: Token[], pos: number, clause: number): number[] {
  const at = (k: number) => (tokens[k]?.clause === clause ? tokens[k]!.t : undefined);
  if (el.kind === 'number') {
    const t = at(pos);
    if (t !== undefined && (isDigit(t[0]) || EN_NUMBERS.has(t))) return [1];
    let n = 0;
    while (ZH_NUMERALS.has(at(pos + n) ?? '')) n++;
    return Array.from({ length: n }, (_, k) => n - k);
  }
  if (el.kind === 'gap' || el.kind === 'next') return [];
  if (el.kind === 'end') return at(pos + 2) === undefined ? [0] : [];
  const first = at(pos);
  const candidates = first === undefined ? undefined : el.byFirst.get(first);
  return candidates ? candidates.filter((alt) => alt.every((t, k) => at(pos + k) === t)).map((alt) => alt.length) : [];
}

/**
 * End of a match of `elements[e…]` from `pos`, or -1. Gaps stay in the clause and skip no
 * negator (unless the pattern excuses); "next" goes on at the first token of the following clause (not after a break word).
 */
function matchFrom(pattern: Compiled, e: number, tokens: Token[], pos: number, clause: number): number {
  const { elements, excuses } = pattern;
  if (e === elements.length) return pos;
  const el = elements[e]!;
  if (el.kind === 'next') {
    const atBoundary = pos > 0 && tokens[pos - 1]!.clause === clause && tokens[pos]?.clause === clause + 1;
    return atBoundary ? matchFrom(pattern, e + 1, tokens, pos, clause + 1) : -1;
  }
  if (el.kind === 'gap') {
    for (let p = pos; p <= pos + el.max && p < tokens.length; p++) {
      if (p > pos && (tokens[p - 1]!.clause !== clause || (tokens[p - 1]!.negator && !excuses))) break;
      const end = matchFrom(pattern, e + 1, tokens, p, clause);
      if (end >= 0) return end;
    }
    return -1;
  }
  for (const length of lengthsAt(el, tokens, pos, clause)) {
    const end = matchFrom(pattern, e + 1, tokens, pos + length, clause);
    if (end >= 0) return end;
  }
  return -1;
}

/** Whether a negator stands at most `reach` tokens before `start`, in the same clause. */
function negatedBefore(tokens: Token[], start: number, reach: number): boolean {
  const clause = tokens[start]!.clause;
  for (let k = start - 1, between = 0; k >= 0 && tokens[k]!.clause === clause; k--) {
    if (tokens[k]!.negator) return true;
    if (++between > reach) return false;
  }
  return false;
}

/**
 * The forbidden promises in `text`: one finding per rule broken, in the order they appear.
 * Pure: the same rules and text always give the same findings.
 */
export function checkCompliance(rules: ComplianceRules, text: string): ComplianceFinding[] {
  const guard = compile(rules);
  const tokens = tokenise(text);
  markClauses(tokens, guard.phrases);
  const matches: { rule: number; start: number; end: number }[] = [];
  const excused: { rule: number; start: number; end: number }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const { t, clause } = tokens[i]!;
    if (clause < 0) continue;
    const candidates = guard.byFirst.get(t) ?? [];
    for (const pattern of isDigit(t[0]) ? [...candidates, ...(guard.byFirst.get(NUM) ?? [])] : candidates) {
      const end = matchFrom(pattern, 0, tokens, i, clause);
      if (end < 0) continue;
      if (pattern.excuses) excused.push({ rule: pattern.rule, start: i, end });
      else if (negatedBefore(tokens, i, pattern.reach)) {
        // A denied promise denies what it covers and what follows it: "不承诺保本保息".
        excused.push({ rule: -1, start: i, end });
        for (let k = i; k < end; k++) tokens[k]!.negator = true;
      } else matches.push({ rule: pattern.rule, start: i, end });
    }
  }
  const findings: ComplianceFinding[] = [];
  const reported = new Set<number>();
  for (const { rule, start, end } of matches) {
    const isExcused = excused.some((x) => (x.rule < 0 || x.rule === rule) && x.start < end && start < x.end);
    if (reported.has(rule) || isExcused) continue;
    reported.add(rule);
    const { id, title, explanation, alternative } = rules.rules[rule]!;
    findings.push({ ruleId: id, matched: text.slice(tokens[start]!.start, tokens[end - 1]!.end), title, explanation, alternative });
  }
  return findings;
}
