/**
 * `objection-coach moves [FILE] [--json]`: the practice move detector's precision and recall per
 * move and language on a labelled file of rep answers (default tests/practice/heldout.jsonl).
 *
 * Each line: {"lang": "zh"|"en", "type": timing|deal_size|trust, "answer": "…" (or "text"),
 * "moves": [...]}. Only figures are printed, never the lines: the default file is a held-out set
 * that must stay unseen by whoever tunes the detector.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LANGS, OBJECTIONS, type Lang, type Objection } from '../data/playbook.ts';
import { loadPractice, MOVES, type Move } from '../data/practice.ts';
import { MoveDetector } from '../intents/moves.ts';
import { evaluateMoves, formatMoveReport, type MoveLine } from '../intents/moves-eval.ts';

export const DEFAULT_MOVES_FILE = join(fileURLToPath(new URL('..', import.meta.url)), 'tests', 'practice', 'heldout.jsonl');

/** Reads the labelled answers; throws naming the first bad line (its number, not its text). */
export function readMoveLines(file: string): MoveLine[] {
  const lines: MoveLine[] = [];
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  source.split('\n').forEach((raw, i) => {
    if (!raw.trim()) return;
    let row: Record<string, unknown>;
    try {
      row = JSON.parse(raw);
    } catch {
      throw new Error(`${file}:${i + 1}: not valid JSON`);
    }
    const text = row.answer ?? row.text;
    if (typeof text !== 'string' || !text.trim()) throw new Error(`${file}:${i + 1}: "answer" must be a non-empty string`);
    if (!LANGS.includes(row.lang as Lang)) throw new Error(`${file}:${i + 1}: "lang" must be zh or en`);
    if (!OBJECTIONS.includes(row.type as Objection)) throw new Error(`${file}:${i + 1}: "type" must be one of ${OBJECTIONS.join(', ')}`);
    if (!Array.isArray(row.moves) || !row.moves.every((m) => MOVES.includes(m as Move))) throw new Error(`${file}:${i + 1}: "moves" must be a list of ${MOVES.join(', ')}`);
    lines.push({ text, lang: row.lang as Lang, type: row.type as Objection, moves: row.moves as Move[] });
  });
  if (!lines.length) throw new Error(`${file}: no labelled answers`);
  return lines;
}

/** Runs the command (options already parsed); returns the text (or JSON) to print. */
export function movesCommand(values: { json?: boolean }, positionals: string[]): string {
  if (positionals.length > 1) throw new Error('moves takes at most one FILE');
  const file = positionals[0] ?? DEFAULT_MOVES_FILE;
  const lines = readMoveLines(file);
  const data = loadPractice();
  const detector = MoveDetector.build(data);
  const report = evaluateMoves(lines, (text, type) => detector.detect(text, type).map((f) => f.move), (type) => data.types[type].moves);
  return values.json ? JSON.stringify(report, null, 2) : formatMoveReport(`moves ${positionals[0] ?? 'tests/practice/heldout.jsonl'}`, report);
}
