/**
 * The playbook: everything the bot knows that a sales manager may edit, loaded from the YAML
 * files in this folder and validated before anything uses it.
 *
 * - `playbook.yaml`: the objection types (names, descriptions, techniques in zh and en), the
 *   keyword lists per type and language with weights, negators and exception phrases.
 * - `utterances/*.yaml`: training utterances per label, `<lang>.yaml` or `<set>-<lang>.yaml`.
 * - `walks.yaml`: the step-by-step coaching walk of each objection type.
 * - `knowledge.yaml`: tips and knowledge topics.
 * - `feedback.yaml` (optional, edited by hand): seed training lines. Corrections accepted on the
 *   dashboard are kept in the database (store/corrections.ts) and learnt by bot/learning.ts.
 *
 * A broken file never yields a half-configured bot: `loadPlaybook` throws a `PlaybookError`
 * naming the file, the line and column, the path inside the document and what is wrong.
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

import { detectLanguage, LABELS, LANGS, OBJECTIONS, type Label, type Lang } from './vocabulary.ts';

// The shared vocabulary lives in vocabulary.ts; re-exported here for the playbook's readers.
export { LABELS, LANGS, OBJECTIONS, type Label, type Lang, type Objection } from './vocabulary.ts';
export { lineOf, MAX_PLAYBOOK_FILE_BYTES, PlaybookError, readValidated } from './yaml-file.ts';
import { lineOf, PlaybookError, readValidated } from './yaml-file.ts';

/** The folder holding the shipped playbook (this file's own folder). */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('.', import.meta.url));

const nonEmpty = z.string().trim().min(1, 'must not be empty');
const bilingual = z.strictObject({ zh: nonEmpty, en: nonEmpty });
const weight = z.number().positive('weight must be greater than 0').max(10, 'weight must be at most 10');
/** Phrase → weight. A `…` inside a phrase stands for a short gap within one clause. */
const phraseWeights = z.record(nonEmpty, weight);
const perLanguage = <T extends z.ZodType>(schema: T) => z.strictObject({ zh: schema, en: schema });

const labelInfo = z.strictObject({
  name: bilingual,
  short: bilingual,
  description: bilingual,
  technique: bilingual.optional(),
});

const playbookSchema = z.strictObject({
  version: z.number().int().positive(),
  labels: z.strictObject({
    timing: labelInfo.required({ technique: true }),
    deal_size: labelInfo.required({ technique: true }),
    trust: labelInfo.required({ technique: true }),
    none: labelInfo,
  }),
  keywords: z.strictObject({
    timing: perLanguage(phraseWeights),
    deal_size: perLanguage(phraseWeights),
    trust: perLanguage(phraseWeights),
    none: perLanguage(phraseWeights),
  }),
  negators: perLanguage(z.array(nonEmpty).min(1)),
  exceptions: perLanguage(z.array(nonEmpty)),
  /** What the team sells, for reps who have not said (TEAM_INDUSTRY / TEAM_PRODUCT take precedence). */
  team: z
    .strictObject({
      industry: z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be an industry pack id (data/industries/<id>.yaml)'),
      product: nonEmpty.max(30, 'must be at most 30 characters').optional(),
    })
    .optional(),
});

const feedbackSchema = z
  .array(
    z.strictObject({
      text: nonEmpty,
      label: z.enum(LABELS),
      was: z.enum(LABELS),
      accepted_by: nonEmpty,
      accepted_at: nonEmpty,
      dialog: nonEmpty,
    }),
  )
  .nullable();

const utterancesSchema = z.strictObject({
  timing: z.array(nonEmpty).min(1),
  deal_size: z.array(nonEmpty).min(1),
  trust: z.array(nonEmpty).min(1),
  none: z.array(nonEmpty).min(1),
});

/** What a walk step may take from the rep's industry pack (see data/walks.yaml). */
export const WALK_SHOWS = ['usage_questions', 'need_hints', 'habit_tactic', 'downsides', 'symptom_tactic', 'promises'] as const;
export const WALK_SLOTS = ['note', 'time', 'voice', 'promise'] as const;
export const WALK_MESSAGES = ['need_persuasion', 'invitation', 'habit_script', 'three_moves', 'symptom_script', 'commitment'] as const;
export const WALK_OPTIONS = ['meeting_formats'] as const;
export type WalkShow = (typeof WALK_SHOWS)[number];
export type WalkSlot = (typeof WALK_SLOTS)[number];
export type WalkMessage = (typeof WALK_MESSAGES)[number];

const stepId = z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be lower-case letters, digits and _');
const walkStep = z.strictObject({
  id: stepId,
  title: bilingual,
  say: bilingual,
  why: bilingual,
  ask: bilingual.optional(),
  choices: z.array(z.strictObject({ id: stepId, label: bilingual, next: stepId.optional() })).min(2).optional(),
  next: stepId.optional(),
  compose: bilingual.optional(),
  /** Industry-pack content shown under `say` (the engine knows each block by name). */
  show: z.enum(WALK_SHOWS).optional(),
  /** How a typed answer is used: only in the rep's summary, or in a message to the customer. */
  slot: z.enum(WALK_SLOTS).optional(),
  /** A ready-to-send message composed from the rep's industry pack and answers. */
  message: z.enum(WALK_MESSAGES).optional(),
  /** Buttons made from a list of the rep's industry pack (instead of fixed `choices`). */
  options: z.enum(WALK_OPTIONS).optional(),
});
const walksSchema = z.strictObject({
  timing: z.array(walkStep).min(1),
  deal_size: z.array(walkStep).min(1),
  trust: z.array(walkStep).min(1),
});
const knowledgeSchema = z.strictObject({
  tips: z.array(bilingual).min(1),
  topics: z.record(stepId, z.strictObject({ title: bilingual, text: bilingual })),
});

export type LabelInfo = z.infer<typeof labelInfo>;
export type Bilingual = z.infer<typeof bilingual>;
export type WalkStep = z.infer<typeof walkStep>;
export type Walks = z.infer<typeof walksSchema>;
export type Knowledge = z.infer<typeof knowledgeSchema>;
export type PhraseWeights = Record<string, number>;

/** One training example, with where it came from so errors and reports can point at it. */
export interface Utterance {
  text: string;
  label: Label;
  lang: Lang;
  source: string;
}

/** The validated playbook. */
export interface Playbook {
  version: number;
  labels: Record<Label, LabelInfo>;
  keywords: Record<Label, Record<Lang, PhraseWeights>>;
  negators: Record<Lang, string[]>;
  exceptions: Record<Lang, string[]>;
  utterances: Utterance[];
  walks: Walks;
  knowledge: Knowledge;
  /** The team's default profile (industry pack id, product name), if the playbook names one. */
  team?: { industry: string; product?: string };
  /** The files it was read from, relative to the data folder. */
  files: string[];
}

/** Loads and validates the playbook from `dataDir` (default: the shipped `data/` folder), or throws a PlaybookError. */
export function loadPlaybook(dataDir: string = DEFAULT_DATA_DIR): Playbook {
  const shown = (file: string) => relative(process.cwd(), file) || file;
  const mainFile = join(dataDir, 'playbook.yaml');
  const main = readValidated(mainFile, shown(mainFile), playbookSchema);

  const utterDir = join(dataDir, 'utterances');
  let utterFiles: string[];
  try {
    utterFiles = readdirSync(utterDir).filter((f) => f.endsWith('.yaml')).sort();
  } catch {
    throw new PlaybookError(shown(utterDir), 0, 0, '', 'the folder of training utterances is missing');
  }
  const utterances: Utterance[] = [];
  const seen = new Map<string, { label: Label; where: string }>();
  for (const name of utterFiles) {
    const lang = basename(name, '.yaml').split('-').pop()!; // en.yaml, rep-en.yaml → en
    const file = join(utterDir, name);
    if (!(LANGS as readonly string[]).includes(lang)) throw new PlaybookError(shown(file), 1, 1, '', `file name must be a language (${LANGS.join(', ')}).yaml, optionally after a set name and '-'`);
    const where = shown(file); // once per file: path.relative for each of ~6,000 lines cost ≈ 0.1 s at start
    const { data, doc, lines } = readValidated(file, where, utterancesSchema);
    for (const label of LABELS) {
      data[label].forEach((text, index) => {
        const key = text.trim().toLowerCase();
        const { line, col } = lineOf(doc, lines, [label, index]);
        const earlier = seen.get(key);
        if (earlier && earlier.label !== label) {
          throw new PlaybookError(where, line, col, `${label}.${index}`, `"${text}" is also listed under ${earlier.label} (${earlier.where})`);
        }
        seen.set(key, { label, where: `${where}:${line}` });
        utterances.push({ text, label, lang: lang as Lang, source: `${where}:${line}` });
      });
    }
  }
  if (utterances.length === 0) throw new PlaybookError(shown(utterDir), 0, 0, '', 'no training utterances found');

  // Accepted corrections: a manager's decision, so they may contradict a training line.
  const feedbackFile = join(dataDir, 'feedback.yaml');
  let feedbackCount = 0;
  if (existsSync(feedbackFile)) {
    const { data, doc, lines } = readValidated(feedbackFile, shown(feedbackFile), feedbackSchema);
    (data ?? []).forEach((entry, index) => {
      const { line } = lineOf(doc, lines, [index]);
      utterances.push({ text: entry.text, label: entry.label, lang: detectLanguage(entry.text), source: `${shown(feedbackFile)}:${line}` });
      feedbackCount++;
    });
  }

  const knowledgeFile = join(dataDir, 'knowledge.yaml');
  const knowledge = readValidated(knowledgeFile, shown(knowledgeFile), knowledgeSchema).data;
  const walksFile = join(dataDir, 'walks.yaml');
  const walks = readValidated(walksFile, shown(walksFile), walksSchema);
  checkWalks(walks.data, (path, problem) => {
    const { line, col } = lineOf(walks.doc, walks.lines, path);
    return new PlaybookError(shown(walksFile), line, col, path.join('.'), problem);
  });

  const files = [mainFile, ...utterFiles.map((f) => join(utterDir, f)), walksFile, knowledgeFile, ...(feedbackCount ? [feedbackFile] : [])];
  return { ...main.data, utterances, walks: walks.data, knowledge, files: files.map((f) => relative(dataDir, f)) };
}

const PLACEHOLDER = /\{\{\s*([a-z][a-z0-9_]*)\s*(?:\|[^}]*)?\}\}/g;

/**
 * What a schema cannot see: step ids unique, every `next` pointing at a step, placeholders
 * naming an earlier step that asks or offers choices, one way to answer a step, a slot only
 * on a step that asks.
 */
function checkWalks(walks: Walks, error: (path: (string | number)[], problem: string) => PlaybookError): void {
  for (const objection of OBJECTIONS) {
    const steps = walks[objection];
    const ids = new Map<string, number>();
    steps.forEach((step, index) => {
      if (ids.has(step.id)) throw error([objection, index, 'id'], `step id "${step.id}" is used twice in this walk`);
      ids.set(step.id, index);
    });
    const answerable = new Set(steps.filter((step) => step.ask || step.choices || step.options).map((step) => step.id));
    steps.forEach((step, index) => {
      if ([step.ask, step.choices, step.options].filter(Boolean).length > 1) throw error([objection, index], 'a step has one of "ask", "choices" or "options", not more');
      if (step.slot && !step.ask) throw error([objection, index, 'slot'], 'a slot says how a typed answer is used: the step must ask');
      if (step.next && !ids.has(step.next)) throw error([objection, index, 'next'], `no step "${step.next}" in this walk`);
      step.choices?.forEach((choice, c) => {
        if (choice.next && !ids.has(choice.next)) throw error([objection, index, 'choices', c, 'next'], `no step "${choice.next}" in this walk`);
      });
      for (const field of ['say', 'compose'] as const) {
        for (const lang of LANGS) {
          for (const [, name] of step[field]?.[lang].matchAll(PLACEHOLDER) ?? []) {
            if (!answerable.has(name!)) throw error([objection, index, field, lang], `{{${name}}} is not a step that asks or offers choices`);
          }
        }
      }
    });
  }
}
