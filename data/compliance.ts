/**
 * The compliance rules: which promises a rep may not make to a customer (principal, returns,
 * no loss, covering losses, investment or claim outcomes), loaded from `compliance.yaml` and
 * validated like the playbook. A broken file throws a PlaybookError naming the file, the line
 * and column, the path inside the document and what is wrong.
 *
 * Patterns are kept as parsed parts (text, word list, number, gap); turning them into tokens
 * and matching them is the coaching engine's job (dialogs/compliance.ts).
 */
import { join, relative } from 'node:path';
import type { Document, LineCounter } from 'yaml';
import { z } from 'zod';
import { DEFAULT_DATA_DIR, LANGS, PlaybookError, lineOf, readValidated, type Bilingual, type Lang } from './playbook.ts';

const nonEmpty = z.string().trim().min(1, 'must not be empty');
const bilingual = z.strictObject({ zh: nonEmpty, en: nonEmpty });
const perLanguage = <T extends z.ZodType>(schema: T) => z.strictObject({ zh: schema, en: schema });
const phrases = perLanguage(z.array(nonEmpty));
const reach = z.number().int().min(0, 'must be 0 or more').max(12, 'must be at most 12');
const ruleId = z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be lower-case letters, digits and _');

const complianceSchema = z.strictObject({
  version: z.number().int().positive(),
  matching: z.strictObject({ gap: perLanguage(reach), negation_reach: perLanguage(reach), frame_reach: perLanguage(reach) }),
  words: z.record(ruleId, z.strictObject({ zh: z.array(nonEmpty).min(1).optional(), en: z.array(nonEmpty).min(1).optional() })),
  negators: phrases,
  not_promising: phrases,
  not_negators: phrases,
  clause_breaks: phrases,
  denied_after: phrases,
  reporters: phrases,
  warnings: phrases,
  not_warnings: phrases,
  exceptions: phrases,
  rules: z
    .array(
      z.strictObject({
        id: ruleId,
        title: bilingual,
        explanation: bilingual,
        alternative: bilingual,
        patterns: phrases,
        unless: z.strictObject({ zh: z.array(nonEmpty).default([]), en: z.array(nonEmpty).default([]) }).optional(),
      }),
    )
    .min(1),
});

/**
 * One part of a pattern: literal text, any entry of a word list, any number, a short gap, the
 * start of the next clause (",") or the end of the clause ("." at the end of a pattern).
 */
export type PatternPart =
  | { kind: 'text'; text: string }
  | { kind: 'words'; name: string }
  | { kind: 'number' }
  | { kind: 'gap' }
  | { kind: 'next' }
  | { kind: 'end' };

/** A pattern as written in the file, parsed, with where it is written. */
export interface Pattern {
  source: string;
  parts: PatternPart[];
  /** `file:line` of the pattern. */
  where: string;
}

export interface ComplianceRule {
  id: string;
  title: Bilingual;
  explanation: Bilingual;
  alternative: Bilingual;
  patterns: Record<Lang, Pattern[]>;
  /** Wordings this rule lets pass although a pattern matches them. */
  unless: Record<Lang, Pattern[]>;
}

/** The validated compliance rules. */
export interface ComplianceRules {
  /** How many tokens (Chinese characters / English words) a "…" may skip, per language. */
  gap: Record<Lang, number>;
  /** How many tokens may stand between a negator and the promise it cancels. */
  negationReach: Record<Lang, number>;
  /** The same for a `not_promising` frame (a wish, question, report, the past). */
  frameReach: Record<Lang, number>;
  /** Named word lists a pattern uses as {name}. */
  words: Record<string, Partial<Record<Lang, string[]>>>;
  negators: Record<Lang, string[]>;
  /** Words after which nothing is a promise: wishes, questions ("您希望", "whether"). */
  notPromising: Record<Lang, string[]>;
  notNegators: Record<Lang, string[]>;
  clauseBreaks: Record<Lang, string[]>;
  /** Words after a promise, in its clause, saying such promises no longer exist. */
  deniedAfter: Record<Lang, string[]>;
  /** Who else makes a promise ("有人跟您说", "anyone who"), for warning frames. */
  reporters: Record<Lang, string[]>;
  /** Warnings ("要警惕", "be careful"): a sentence warning about a reported promise makes none. */
  warnings: Record<Lang, string[]>;
  /** Phrases holding a warning word that warn about nothing ("walk away with 5%"). */
  notWarnings: Record<Lang, string[]>;
  /** Wordings no rule flags although a pattern matches them. */
  exceptions: Record<Lang, Pattern[]>;
  rules: ComplianceRule[];
  file: string;
}

/** The name a pattern uses for "any number" (digits, Chinese numerals, English number words). */
export const NUMBER = 'number';
/** Gaps per pattern are few so that matching one position takes bounded time. */
const MAX_GAPS = 3;
const GAP = /\s*(?:…|\.\.\.)\s*/u;
const PART = /\{([^{}]*)\}|([^{}]+)/gu;

/** Parses one pattern, or says what is wrong with it. */
export function parsePattern(source: string, words: ComplianceRules['words'], lang: Lang): PatternPart[] | string {
  const parts: PatternPart[] = [];
  const segments = source.trim().split(GAP);
  for (const [index, segment] of segments.entries()) {
    if (!segment.trim()) return index === 0 || index === segments.length - 1 ? 'a pattern cannot begin or end with "…"' : 'two "…" in a row';
    if (index > MAX_GAPS) return `at most ${MAX_GAPS} "…" in one pattern`;
    if (index > 0) parts.push({ kind: 'gap' });
    const covered = [...segment.matchAll(PART)].reduce((n, m) => n + m[0].length, 0);
    if (covered !== segment.length) return `unbalanced "{" or "}" in "${segment}"`;
    for (const [, name, text] of segment.matchAll(PART)) {
      if (text !== undefined) {
        for (const piece of text.split(/([,，]|[.。]\s*$)/u)) {
          if (/^[,，]$/u.test(piece)) parts.push({ kind: 'next' });
          else if (/^[.。]\s*$/u.test(piece)) parts.push({ kind: 'end' });
          else if (piece.trim()) parts.push({ kind: 'text', text: piece.trim() });
        }
      } else if (name === NUMBER) parts.push({ kind: 'number' });
      else if (!words[name!]) return `no word list "${name}" (lists: ${Object.keys(words).join(', ')}, ${NUMBER})`;
      else if (!words[name!]![lang]) return `word list "${name}" has no ${lang} entries`;
      else parts.push({ kind: 'words', name: name! });
    }
  }
  const kinds = parts.map((part) => part.kind);
  if (kinds[0] === 'next' || kinds.at(-1) === 'next') return 'a pattern cannot begin or end with ","';
  if (kinds.indexOf('end') >= 0 && kinds.indexOf('end') !== kinds.length - 1) return '"." may only end a pattern';
  if (kinds[0] === 'end') return 'a pattern cannot be only "."';
  return parts;
}

/**
 * Loads and validates `compliance.yaml` from `dir` (default: the shipped data folder).
 * Throws PlaybookError on the first problem found.
 */
export function loadComplianceRules(dir: string = DEFAULT_DATA_DIR): ComplianceRules {
  const file = join(dir, 'compliance.yaml');
  const shown = relative(process.cwd(), file) || file;
  const { data, doc, lines } = readValidated(file, shown, complianceSchema);
  const at = (path: (string | number)[]) => `${shown}:${lineOf(doc, lines, path).line}`;
  const fail = (path: (string | number)[], problem: string) => located(doc, lines, shown, path, problem);

  const parseAll = (sources: Record<Lang, string[]>, path: (string | number)[]) => {
    const out = { zh: [] as Pattern[], en: [] as Pattern[] };
    for (const lang of LANGS) {
      const seen = new Set<string>();
      sources[lang].forEach((source, index) => {
        const parts = parsePattern(source, data.words, lang);
        if (typeof parts === 'string') throw fail([...path, lang, index], parts);
        if (seen.has(source)) throw fail([...path, lang, index], `"${source}" is listed twice`);
        seen.add(source);
        out[lang].push({ source, parts, where: at([...path, lang, index]) });
      });
    }
    return out;
  };

  if (data.words[NUMBER]) throw fail(['words', NUMBER], `"${NUMBER}" is built in (any number); choose another name`);
  const ids = new Set<string>();
  const rules = data.rules.map((rule, index) => {
    if (ids.has(rule.id)) throw fail(['rules', index, 'id'], `rule id "${rule.id}" is used twice`);
    ids.add(rule.id);
    if (rule.patterns.zh.length + rule.patterns.en.length === 0) throw fail(['rules', index, 'patterns'], 'a rule needs at least one pattern');
    return {
      id: rule.id,
      title: rule.title,
      explanation: rule.explanation,
      alternative: rule.alternative,
      patterns: parseAll(rule.patterns, ['rules', index, 'patterns']),
      unless: parseAll(rule.unless ?? { zh: [], en: [] }, ['rules', index, 'unless']),
    };
  });

  return {
    gap: data.matching.gap,
    negationReach: data.matching.negation_reach,
    frameReach: data.matching.frame_reach,
    words: data.words,
    negators: data.negators,
    notPromising: data.not_promising,
    notNegators: data.not_negators,
    clauseBreaks: data.clause_breaks,
    deniedAfter: data.denied_after,
    reporters: data.reporters,
    warnings: data.warnings,
    notWarnings: data.not_warnings,
    exceptions: parseAll(data.exceptions, ['exceptions']),
    rules,
    file: shown,
  };
}

function located(doc: Document, lines: LineCounter, file: string, path: (string | number)[], problem: string): PlaybookError {
  const { line, col } = lineOf(doc, lines, path);
  return new PlaybookError(file, line, col, path.join('.'), problem);
}
