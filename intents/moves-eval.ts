/**
 * Measuring the move detector: per-move precision and recall, per language, on labelled rep
 * answers (a held-out file, or the examples themselves by k-fold cross-validation).
 *
 * A line is scored only on the moves of its objection type: a deal-size answer is never counted
 * for `asks_usage`, whatever it says.
 */
import { LANGS, type Lang, type Objection } from '../data/playbook.ts';
import { MOVES, type Move, type PracticeData } from '../data/practice.ts';
import { MoveDetector } from './moves.ts';

/** One labelled answer. */
export interface MoveLine {
  text: string;
  type: Objection;
  lang: Lang;
  moves: Move[];
}

export interface MoveScore {
  tp: number;
  fp: number;
  fn: number;
  /** Lines of a type that has the move. */
  lines: number;
  /** Lines labelled with the move. */
  support: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface MoveReport {
  count: number;
  overall: Partial<Record<Move, MoveScore>>;
  byLang: Record<Lang, Partial<Record<Move, MoveScore>>>;
}

/** Scores `predict` (moves found in a text of a type) on `lines`. */
export function evaluateMoves(lines: MoveLine[], predict: (text: string, type: Objection) => Move[], typeMoves: (type: Objection) => Move[]): MoveReport {
  return score(lines, lines.map((line) => predict(line.text, line.type)), typeMoves);
}

function score(lines: MoveLine[], predicted: Move[][], typeMoves: (type: Objection) => Move[]): MoveReport {
  const blank = () => ({ tp: 0, fp: 0, fn: 0, lines: 0, support: 0, precision: 0, recall: 0, f1: 0 });
  const overall: Partial<Record<Move, MoveScore>> = {};
  const byLang = { zh: {}, en: {} } as MoveReport['byLang'];
  lines.forEach((line, i) => {
    for (const move of typeMoves(line.type)) {
      const gold = line.moves.includes(move);
      const found = predicted[i]!.includes(move);
      for (const table of [overall, byLang[line.lang]]) {
        const s = (table[move] ??= blank());
        s.lines++;
        if (gold) s.support++;
        if (gold && found) s.tp++;
        else if (found) s.fp++;
        else if (gold) s.fn++;
      }
    }
  });
  for (const table of [overall, ...LANGS.map((l) => byLang[l])]) {
    for (const s of Object.values(table)) {
      s.precision = s.tp + s.fp ? s.tp / (s.tp + s.fp) : 0;
      s.recall = s.support ? s.tp / s.support : 0;
      s.f1 = s.precision + s.recall ? (2 * s.precision * s.recall) / (s.precision + s.recall) : 0;
    }
  }
  return { count: lines.length, overall, byLang };
}

/** k-fold cross-validation on the example answers: each fold is judged by a detector built without it. */
export function crossValidateMoves(data: PracticeData, folds = 5): MoveReport {
  const examples = data.examples;
  const predicted: Move[][] = new Array(examples.length);
  for (let fold = 0; fold < folds; fold++) {
    const inFold = (i: number) => i % folds === fold;
    const detector = MoveDetector.build(data, { examples: examples.filter((_, i) => !inFold(i)) });
    examples.forEach((e, i) => {
      if (inFold(i)) predicted[i] = detector.detect(e.text, e.type).map((f) => f.move);
    });
  }
  return score(examples, predicted, (type) => data.types[type].moves);
}

const pct = (x: number) => x.toFixed(3);

/** The report as a table: one row per move, per language and overall. */
export function formatMoveReport(title: string, report: MoveReport): string {
  const out = [`${title} — ${report.count} answers`];
  const header = `  ${'move'.padEnd(13)} ${'precision'.padStart(9)} ${'recall'.padStart(7)} ${'f1'.padStart(6)} ${'support'.padStart(8)} ${'lines'.padStart(6)}`;
  for (const [name, table] of [...LANGS.map((l) => [l, report.byLang[l]] as const), ['all', report.overall] as const]) {
    const rows = MOVES.filter((m) => table[m]);
    if (!rows.length) continue;
    out.push(`[${name}]`, header);
    for (const move of rows) {
      const s = table[move]!;
      out.push(`  ${move.padEnd(13)} ${pct(s.precision).padStart(9)} ${pct(s.recall).padStart(7)} ${pct(s.f1).padStart(6)} ${String(s.support).padStart(8)} ${String(s.lines).padStart(6)}`);
    }
  }
  return out.join('\n');
}
