/**
 * Reading one YAML file of the playbook: parsed with size and alias limits, validated against
 * its zod schema, and every problem reported as `file:line:col: path: problem`.
 */
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Document, LineCounter } from 'yaml';
import { z } from 'zod';

/**
 * The YAML parser, loaded on first use: a start whose playbook files are all in the snapshot
 * cache (data/load-cache.ts) never parses YAML, so never loads it.
 */
let parser: typeof import('yaml') | undefined;
const yaml = () => (parser ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));

/** A problem in a playbook file, located as precisely as the YAML allows. */
export class PlaybookError extends Error {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly path: string;
  readonly problem: string;

  constructor(file: string, line: number, column: number, path: string, problem: string) {
    super(`${file}:${line}:${column}: ${path ? `${path}: ` : ''}${problem}`);
    this.file = file;
    this.line = line;
    this.column = column;
    this.path = path;
    this.problem = problem;
    this.name = 'PlaybookError';
  }
}

/** Largest playbook file read (feedback.yaml grows: ~20,000 corrections fit); alias expansions allowed per file. */
export const MAX_PLAYBOOK_FILE_BYTES = 2 * 1024 * 1024;
const MAX_ALIAS_COUNT = 100;

/** Parses one YAML file and validates it against `schema`, or throws a located PlaybookError. */
export function readValidated<T extends z.ZodType>(file: string, shownAs: string, schema: T): { data: z.infer<T>; doc: Document; lines: LineCounter } {
  let source: string;
  try {
    const size = statSync(file).size;
    if (size > MAX_PLAYBOOK_FILE_BYTES) throw new PlaybookError(shownAs, 1, 1, '', `the file is ${(size / 1048576).toFixed(1)} MB; a playbook file may be at most ${MAX_PLAYBOOK_FILE_BYTES / 1048576} MB`);
    source = readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof PlaybookError) throw err;
    throw new PlaybookError(shownAs, 0, 0, '', `cannot read the file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  const { LineCounter, parseDocument, visit } = yaml();
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const syntax = doc.errors[0];
  if (syntax) {
    const pos = lines.linePos(syntax.pos[0]);
    throw new PlaybookError(shownAs, pos.line, pos.col, '', syntax.message.split('\n')[0] ?? syntax.code);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    let at = 0; // the yaml package refuses aliases that expand exponentially ("billion laughs")
    visit(doc, { Alias: (_key, node) => ((at = node.range?.[0] ?? 0), visit.BREAK) });
    const { line, col } = lines.linePos(at);
    throw new PlaybookError(shownAs, line, col, '', `too many aliases: ${(err as Error).message}`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map(String);
    const { line, col } = lineOf(doc, lines, path);
    throw new PlaybookError(shownAs, line, col, path.join('.'), issue.message);
  }
  return { data: parsed.data, doc, lines };
}

/** The line of the deepest node along `path` that exists in the document (also for errors found after validation). */
export function lineOf(doc: Document, lines: LineCounter, path: (string | number)[]): { line: number; col: number } {
  for (let depth = path.length; depth >= 0; depth--) {
    const keys = path.slice(0, depth).map((k) => (typeof k === 'string' && /^\d+$/.test(k) ? Number(k) : k));
    const node = depth === 0 ? doc.contents : doc.getIn(keys, true);
    if (yaml().isNode(node) && node.range) return lines.linePos(node.range[0]);
  }
  return { line: 1, col: 1 };
}
