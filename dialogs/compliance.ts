/**
 * The compliance guard: finds promises a rep may not make to a customer (data/compliance.yaml)
 * in any text of the rep's that goes into a customer message, and says which rule forbids it,
 * why, and what to say instead.
 *
 * How a text is read: ./compliance-text.ts (tokens, clauses, sentences, marks); how a pattern
 * matches at a position: ./compliance-match.ts. A match is not a finding when
 * - a negator stands just before it in its clause ("不保本", "we can't guarantee returns"), or
 *   a wish, question, report or past frame a little further ("您希望本金不亏", "you said you
 *   want…", "去年年化至少4%"); a denied promise also denies the promises it covers or that
 *   follow it ("不承诺保本保息");
 * - the rest of its clause says such promises no longer exist ("保本理财已经没有了");
 * - its sentence warns about someone else's promise ("有人跟您说稳赚不赔，要警惕", "beware of
 *   anyone who…");
 * - it overlaps an exception ("零风险试用", "保证金") or its rule's `unless` — except when a
 *   longer word of the pattern itself holds the exception ("追缴保证金" stays a margin call).
 * Each position tries only the patterns whose first token it holds, a pattern has at most three
 * gaps, and what an element covers is worked out once per text: time grows linearly.
 */
import { type ComplianceRules, type Pattern, type PatternPart } from '../data/compliance.ts';
import { LANGS, type Bilingual, type Lang } from '../data/playbook.ts';
import { EN_NUMBERS, NUM, ZH_NUMERALS, matchFrom, negatedBefore, type Compiled, type Element, type Reading } from './compliance-match.ts';
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

interface Guard {
  phrases: PhraseIndex;
  frames: PhraseIndex;
  /** Patterns by the tokens they can start with. */
  byFirst: Map<string, Compiled[]>;
  /** How many distinct matching elements there are (for the per-text memo). */
  elements: number;
}

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
  const reading: Reading = { tokens, lengths: new Array(guard.elements), next: new Array(guard.elements) };
  const matches: Match[] = [];
  /** Per token, the exceptions and denied promises that cover it. */
  const excused: Match[][] = [];
  const excuse = (x: Match) => {
    for (let k = x.start; k < x.end; k++) (excused[k] ??= []).push(x);
  };
  const spans: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const { t, clause } = tokens[i]!;
    if (clause < 0) continue;
    const candidates = guard.byFirst.get(t) ?? [];
    for (const pattern of isDigit(t[0]) ? candidates.concat(guard.byFirst.get(NUM) ?? []) : candidates) {
      spans.length = 0;
      const end = matchFrom(pattern, 0, reading, i, clause, spans);
      if (end < 0) continue;
      if (pattern.excuses) excuse({ rule: pattern.rule, start: i, end, spans: [...spans] });
      else if (negatedBefore(tokens, i, pattern)) {
        // A denied promise denies what it covers and what follows it: "不承诺保本保息".
        excuse({ rule: -1, start: i, end, spans: [] });
        for (let k = i; k < end; k++) tokens[k]!.negator ||= 'deny';
      } else if (!framedAway(frames, tokens, i, end)) matches.push({ rule: pattern.rule, start: i, end, spans: [...spans] });
    }
  }
  const findings: ComplianceFinding[] = [];
  const reported = new Set<number>();
  const isExcused = (m: Match) => {
    for (let k = m.start; k < m.end; k++) if (excused[k]?.some((x) => excuses(x, m))) return true;
    return false;
  };
  for (const match of matches) {
    if (reported.has(match.rule) || isExcused(match)) continue;
    reported.add(match.rule);
    const { id, title, explanation, alternative } = rules.rules[match.rule]!;
    const matched = text.slice(tokens[match.start]!.start, tokens[match.end - 1]!.end);
    findings.push({ ruleId: id, matched, title, explanation, alternative });
  }
  return findings;
}
