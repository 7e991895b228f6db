/**
 * Practice mode's data: the rubric (moves per objection type, the principle behind each, the
 * practice customer's scripted replies), the opening objections per industry pack, the phrases
 * that show each move and the example answers the move classifier learns from — all in
 * `data/practice/`, loaded and validated like the playbook.
 *
 * - `rubric.yaml`: moves (technique or mistake, name, one sentence of principle, zh/en) and, per
 *   type, its moves and the customer's replies per branch (a move, `all`, `none`) and closings.
 * - `openings.yaml`: per industry pack id (every pack in data/industries/), per type, what the
 *   customer opens with.
 * - `phrases.yaml`: per move and language, phrases that show it; negators, harmless negations
 *   and conditional words for the detector's per-clause negation.
 * - `examples/<lang>.yaml`: example answers per type, each with the moves it shows.
 *
 * A broken file throws a PlaybookError naming the file, the line and column and what is wrong.
 */
import { readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { Document, LineCounter } from 'yaml';
import { z } from 'zod';
import { loadIndustryPacks } from './industries.ts';
import { DEFAULT_DATA_DIR, LANGS, OBJECTIONS, PlaybookError, lineOf, readValidated, type Bilingual, type Lang, type Objection } from './playbook.ts';

/** Every move a practice answer can be judged on (practice-moves.md). */
export const MOVES = ['asks_usage', 'follow', 'push_forward', 'reverse', 'hand_over', 'commitment', 'fixed_time', 'repitch', 'price_first', 'pressure'] as const;
export type Move = (typeof MOVES)[number];
/** What the customer says back is chosen by branch: one move, every technique move at once, or nothing. */
export type Branch = Move | 'all' | 'none';

const nonEmpty = z.string().trim().min(1, 'must not be empty');
const bilingual = z.strictObject({ zh: nonEmpty, en: nonEmpty });
const perLanguage = <T extends z.ZodType>(schema: T) => z.strictObject({ zh: schema, en: schema });
const lines = perLanguage(z.array(nonEmpty).min(1, 'needs at least one line'));
const move = z.enum(MOVES);
const byType = <T extends z.ZodType>(schema: T) => z.strictObject({ timing: schema, deal_size: schema, trust: schema });

const typeRubric = z.strictObject({
  moves: z.array(move).min(1),
  replies: z.partialRecord(z.union([move, z.literal('all'), z.literal('none')]), lines),
  closing: z.strictObject({ warm: bilingual, cold: bilingual }),
});
const rubricSchema = z.strictObject({
  version: z.number().int().positive(),
  moves: z.record(move, z.strictObject({ kind: z.enum(['technique', 'mistake']), name: bilingual, principle: bilingual })),
  types: byType(typeRubric),
});
const openingsSchema = z.record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be an industry pack id'), byType(lines));
const phrasesSchema = z.strictObject({
  negators: lines,
  harmless: perLanguage(z.array(nonEmpty)),
  conditionals: perLanguage(z.array(nonEmpty)),
  moves: z.record(move, lines),
});
const examplesSchema = byType(z.array(z.strictObject({ moves: z.array(move), text: nonEmpty })));

export interface MoveInfo {
  kind: 'technique' | 'mistake';
  name: Bilingual;
  principle: Bilingual;
}

export interface TypeRubric {
  /** Techniques first, in the order of the technique, then mistakes. */
  moves: Move[];
  replies: Partial<Record<Branch, Record<Lang, string[]>>>;
  closing: { warm: Bilingual; cold: Bilingual };
}

/** One example answer, with where it is written. */
export interface PracticeExample {
  text: string;
  type: Objection;
  lang: Lang;
  moves: Move[];
  source: string;
}

/** The validated practice data. */
export interface PracticeData {
  moves: Record<Move, MoveInfo>;
  types: Record<Objection, TypeRubric>;
  /** Pack id → type → language → opening lines. */
  openings: Map<string, Record<Objection, Record<Lang, string[]>>>;
  phrases: {
    negators: Record<Lang, string[]>;
    harmless: Record<Lang, string[]>;
    conditionals: Record<Lang, string[]>;
    moves: Record<Move, Record<Lang, string[]>>;
  };
  examples: PracticeExample[];
}

/** The techniques of a type (the moves the rep should show), in order. */
export function techniques(data: Pick<PracticeData, 'moves' | 'types'>, type: Objection): Move[] {
  return data.types[type].moves.filter((m) => data.moves[m].kind === 'technique');
}

/** The mistakes a type's answers are checked for. */
export function mistakes(data: Pick<PracticeData, 'moves' | 'types'>, type: Objection): Move[] {
  return data.types[type].moves.filter((m) => data.moves[m].kind === 'mistake');
}

/**
 * Loads `data/practice/` (or `<dataDir>/practice/`). `packIds` are the industry packs that must
 * each have openings (default: the packs in `<dataDir>/industries/`).
 */
export function loadPractice(dataDir: string = DEFAULT_DATA_DIR, packIds?: Iterable<string>): PracticeData {
  const shown = (file: string) => relative(process.cwd(), file) || file;
  const dir = join(dataDir, 'practice');
  const read = <T extends z.ZodType>(name: string, schema: T) => {
    const file = join(dir, name);
    const { data, doc, lines } = readValidated(file, shown(file), schema);
    const fail = (path: (string | number)[], problem: string): never => {
      const { line, col } = lineOf(doc, lines, path);
      throw new PlaybookError(shown(file), line, col, path.join('.'), problem);
    };
    return { data, doc, lines, fail };
  };

  const rubric = read('rubric.yaml', rubricSchema);
  for (const type of OBJECTIONS) {
    const { moves, replies } = rubric.data.types[type];
    moves.forEach((m, i) => {
      if (moves.indexOf(m) !== i) rubric.fail(['types', type, 'moves', i], `"${m}" is listed twice`);
      if (i > 0 && rubric.data.moves[m].kind === 'technique' && rubric.data.moves[moves[i - 1]!].kind === 'mistake') {
        rubric.fail(['types', type, 'moves', i], 'list the techniques first, then the mistakes');
      }
    });
    if (!moves.some((m) => rubric.data.moves[m].kind === 'technique')) rubric.fail(['types', type, 'moves'], 'needs at least one technique move');
    for (const branch of [...moves, 'all', 'none'] as Branch[]) {
      if (!replies[branch]) rubric.fail(['types', type, 'replies'], `the customer needs replies for "${branch}"`);
    }
    for (const branch of Object.keys(replies)) {
      if (branch !== 'all' && branch !== 'none' && !moves.includes(branch as Move)) rubric.fail(['types', type, 'replies', branch], `"${branch}" is not a move of ${type}`);
    }
  }

  const openings = read('openings.yaml', openingsSchema);
  const ids = new Set(packIds ?? loadIndustryPacks(join(dataDir, 'industries')).keys());
  for (const id of Object.keys(openings.data)) if (!ids.has(id)) openings.fail([id], `no industry pack "${id}" in data/industries/`);
  for (const id of ids) if (!openings.data[id]) openings.fail([], `the industry pack "${id}" has no openings`);

  const phrases = read('phrases.yaml', phrasesSchema);
  const examples = loadExamples(dir, shown, rubric.data.types);
  for (const lang of LANGS) {
    if (!examples.some((e) => e.lang === lang)) throw new PlaybookError(shown(join(dir, 'examples')), 0, 0, '', `no example answers in ${lang}`);
  }

  return {
    moves: rubric.data.moves,
    types: rubric.data.types as Record<Objection, TypeRubric>,
    openings: new Map(Object.entries(openings.data)),
    phrases: phrases.data,
    examples,
  };
}

/** Reads `examples/<lang>.yaml`: every move must belong to its type, no answer twice. */
function loadExamples(dir: string, shown: (file: string) => string, types: Record<Objection, { moves: Move[] }>): PracticeExample[] {
  const folder = join(dir, 'examples');
  let names: string[];
  try {
    names = readdirSync(folder).filter((f) => f.endsWith('.yaml')).sort();
  } catch {
    throw new PlaybookError(shown(folder), 0, 0, '', 'the folder of example answers is missing');
  }
  const out: PracticeExample[] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    const file = join(folder, name);
    const lang = basename(name, '.yaml');
    if (!(LANGS as readonly string[]).includes(lang)) throw new PlaybookError(shown(file), 1, 1, '', `file name must be a language (${LANGS.join(', ')}).yaml`);
    const { data, doc, lines } = readValidated(file, shown(file), examplesSchema);
    const where = (path: (string | number)[]) => at(doc, lines, path);
    for (const type of OBJECTIONS) {
      data[type].forEach((example, i) => {
        const { line, col } = where([type, i]);
        const fail = (problem: string): never => {
          throw new PlaybookError(shown(file), line, col, `${type}.${i}`, problem);
        };
        const foreign = example.moves.find((m) => !types[type].moves.includes(m));
        if (foreign) fail(`"${foreign}" is not a move of ${type}`);
        const key = example.text.trim().toLowerCase();
        const earlier = seen.get(key);
        if (earlier) fail(`the same answer is already at ${earlier}`);
        seen.set(key, `${shown(file)}:${line}`);
        out.push({ text: example.text, type, lang: lang as Lang, moves: [...new Set(example.moves)], source: `${shown(file)}:${line}` });
      });
    }
  }
  return out;
}

function at(doc: Document, lines: LineCounter, path: (string | number)[]): { line: number; col: number } {
  return lineOf(doc, lines, path);
}
