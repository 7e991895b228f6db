/**
 * Classification metrics: confusion matrix, per-class precision / recall / F1 and macro-F1,
 * plus the stratified folds used by cross-validation and calibration.
 */
import { LABELS, type Label } from '../data/playbook.ts';

export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface MetricsReport {
  count: number;
  accuracy: number;
  macroF1: number;
  perClass: Record<Label, ClassMetrics>;
  /** confusion[gold][predicted] = count */
  confusion: Record<Label, Record<Label, number>>;
}

/** Computes the metrics of `predicted` against `gold` (same length). */
export function computeMetrics(gold: Label[], predicted: Label[]): MetricsReport {
  const confusion = Object.fromEntries(LABELS.map((g) => [g, Object.fromEntries(LABELS.map((p) => [p, 0]))])) as MetricsReport['confusion'];
  gold.forEach((g, i) => confusion[g][predicted[i]!]++);
  const perClass = {} as Record<Label, ClassMetrics>;
  let correct = 0;
  for (const label of LABELS) {
    const tp = confusion[label][label];
    correct += tp;
    const predictedCount = LABELS.reduce((n, g) => n + confusion[g][label], 0);
    const support = LABELS.reduce((n, p) => n + confusion[label][p], 0);
    const precision = predictedCount ? tp / predictedCount : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    perClass[label] = { precision, recall, f1, support };
  }
  const present = LABELS.filter((l) => perClass[l].support > 0);
  const macroF1 = present.length ? present.reduce((s, l) => s + perClass[l].f1, 0) / present.length : 0;
  return { count: gold.length, accuracy: gold.length ? correct / gold.length : 0, macroF1, perClass, confusion };
}

/** Splits item indices into `k` folds, each with about the same share of every label. */
export function stratifiedFolds(labels: Label[], k: number): number[][] {
  const folds: number[][] = Array.from({ length: k }, () => []);
  for (const label of LABELS) {
    labels.forEach((l, i) => {
      if (l === label) folds[i % k]!.push(i);
    });
  }
  return folds;
}

const pct = (x: number) => x.toFixed(3);

/** Human-readable report: the per-class table and the confusion matrix. */
export function formatMetrics(title: string, report: MetricsReport): string {
  const lines = [`${title} — ${report.count} lines, accuracy ${pct(report.accuracy)}, macro-F1 ${pct(report.macroF1)}`];
  lines.push(`  ${'label'.padEnd(10)} ${'precision'.padStart(9)} ${'recall'.padStart(7)} ${'f1'.padStart(6)} ${'support'.padStart(8)}`);
  for (const label of LABELS) {
    const m = report.perClass[label];
    lines.push(`  ${label.padEnd(10)} ${pct(m.precision).padStart(9)} ${pct(m.recall).padStart(7)} ${pct(m.f1).padStart(6)} ${String(m.support).padStart(8)}`);
  }
  lines.push(`  confusion (rows: gold, columns: predicted)`);
  lines.push(`  ${''.padEnd(10)} ${LABELS.map((l) => l.padStart(9)).join(' ')}`);
  for (const gold of LABELS) {
    lines.push(`  ${gold.padEnd(10)} ${LABELS.map((p) => String(report.confusion[gold][p]).padStart(9)).join(' ')}`);
  }
  return lines.join('\n');
}
