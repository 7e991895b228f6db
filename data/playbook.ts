/**
 * The playbook: everything the bot knows that a sales manager may edit, loaded from the YAML
 * files in this folder and validated before anything uses it.
 *
 * - `playbook.yaml`: the objection types (names, descriptions, techniques in zh and en), the
 *   keyword lists per type and language with weights, negators and exception phrases.
 * - `utterances/*.yaml`: training utterances per label (one file per language).
 *
 * A broken file never yields a half-configured bot: `loadPlaybook` throws a `PlaybookError`
 * naming the file, the line and column, the path inside the document and what is wrong.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, isNode, parseDocument, type Document } from 'yaml';
import { z } from 'zod';

/** The four labels the classifier answers with; the first three are objections. */
export const LABELS = ['timing', 'deal_size', 'trust', 'none'] as const;
export type Label = (typeof LABELS)[number];
export const OBJECTIONS = ['timing', 'deal_size', 'trust'] as const;
export type Objection = (typeof OBJECTIONS)[number];

export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];

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
});

const utterancesSchema = z.strictObject({
  timing: z.array(nonEmpty).min(1),
  deal_size: z.array(nonEmpty).min(1),
  trust: z.array(nonEmpty).min(1),
  none: z.array(nonEmpty).min(1),
});

export type LabelInfo = z.infer<typeof labelInfo>;
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
  /** The files it was read from, relative to the data folder. */
  files: string[];
}

/** A problem in a playbook file, located as precisely as the YAML allows. */
export class PlaybookError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${file}:${line}:${column}: ${path ? `${path}: ` : ''}${problem}`);
    this.name = 'PlaybookError';
  }
}

/** Parses one YAML file and validates it against `schema`, or throws a located PlaybookError. */
function readValidated<T extends z.ZodType>(file: string, shownAs: string, schema: T): { data: z.infer<T>; doc: Document; lines: LineCounter } {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (err) {
    throw new PlaybookError(shownAs, 0, 0, '', `cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const syntax = doc.errors[0];
  if (syntax) {
    const pos = lines.linePos(syntax.pos[0]);
    throw new PlaybookError(shownAs, pos.line, pos.col, '', syntax.message.split('\n')[0] ?? syntax.code);
  }
  const parsed = schema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map(String);
    const { line, col } = locate(doc, lines, path);
    throw new PlaybookError(shownAs, line, col, path.join('.'), issue.message);
  }
  return { data: parsed.data, doc, lines };
}

/** Finds the line of the deepest node along `path` that exists in the document. */
function locate(doc: Document, lines: LineCounter, path: string[]): { line: number; col: number } {
  for (let depth = path.length; depth >= 0; depth--) {
    const keys = path.slice(0, depth).map((k) => (/^\d+$/.test(k) ? Number(k) : k));
    const node = depth === 0 ? doc.contents : doc.getIn(keys, true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]);
  }
  return { line: 1, col: 1 };
}

/** Line of the item at `path` (for errors found after schema validation). */
function lineOf(doc: Document, lines: LineCounter, path: (string | number)[]): { line: number; col: number } {
  return locate(doc, lines, path.map(String));
}

/**
 * Loads and validates the playbook from `dataDir` (default: the shipped `data/` folder).
 * Throws PlaybookError on the first problem found.
 */
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
    const lang = basename(name, '.yaml');
    const file = join(utterDir, name);
    if (!(LANGS as readonly string[]).includes(lang)) {
      throw new PlaybookError(shown(file), 1, 1, '', `file name must be a language (${LANGS.join(', ')}).yaml`);
    }
    const { data, doc, lines } = readValidated(file, shown(file), utterancesSchema);
    for (const label of LABELS) {
      data[label].forEach((text, index) => {
        const key = text.trim().toLowerCase();
        const { line, col } = lineOf(doc, lines, [label, index]);
        const earlier = seen.get(key);
        if (earlier && earlier.label !== label) {
          throw new PlaybookError(shown(file), line, col, `${label}.${index}`, `"${text}" is also listed under ${earlier.label} (${earlier.where})`);
        }
        seen.set(key, { label, where: `${shown(file)}:${line}` });
        utterances.push({ text, label, lang: lang as Lang, source: `${shown(file)}:${line}` });
      });
    }
  }
  if (utterances.length === 0) throw new PlaybookError(shown(utterDir), 0, 0, '', 'no training utterances found');

  return {
    ...main.data,
    utterances,
    files: [mainFile, ...utterFiles.map((f) => join(utterDir, f))].map((f) => relative(dataDir, f)),
  };
}
