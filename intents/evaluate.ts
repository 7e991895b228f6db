/**
 * Measuring the classifier: evaluation on a labelled set (overall and per language) and k-fold
 * cross-validation on the playbook's own training utterances.
 */
import { LANGS, type Label, type Lang, type Playbook } from '../data/playbook.ts';
import { ObjectionClassifier } from './classifier.ts';
import { computeMetrics, stratifiedFolds, type MetricsReport } from './metrics.ts';
import { detectLanguage } from './normalise.ts';

export interface LabelledLine {
  text: string;
  label: Label;
  /** Language of the line; detected from the text when absent. */
  lang?: Lang;
}

export interface EvaluationReport {
  overall: MetricsReport;
  byLanguage: Partial<Record<Lang, MetricsReport>>;
  /** Share of lines the classifier marked unsure (the bot would ask the rep to choose). */
  unsureRate: number;
  /** Accuracy on the lines it was sure about. */
  sureAccuracy: number;
  /** The lines it got wrong (filled by cross-validation, to help whoever edits the playbook). */
  errors?: { text: string; gold: Label; predicted: Label; confidence: number; source?: string }[];
}

/** Classifies every line with `classify` and reports the metrics. */
export function evaluate(lines: LabelledLine[], classify: (text: string) => { label: Label; unsure: boolean }): EvaluationReport {
  const predictions = lines.map((line) => classify(line.text));
  return report(lines, predictions);
}

function report(lines: LabelledLine[], predictions: { label: Label; unsure: boolean }[]): EvaluationReport {
  const langOf = (line: LabelledLine) => line.lang ?? detectLanguage(line.text);
  const byLanguage: EvaluationReport['byLanguage'] = {};
  for (const lang of LANGS) {
    const idx = lines.map((l, i) => (langOf(l) === lang ? i : -1)).filter((i) => i >= 0);
    if (idx.length) byLanguage[lang] = computeMetrics(idx.map((i) => lines[i]!.label), idx.map((i) => predictions[i]!.label));
  }
  const sure = predictions.map((p, i) => (p.unsure ? -1 : i)).filter((i) => i >= 0);
  return {
    overall: computeMetrics(lines.map((l) => l.label), predictions.map((p) => p.label)),
    byLanguage,
    unsureRate: lines.length ? 1 - sure.length / lines.length : 0,
    sureAccuracy: sure.length ? sure.filter((i) => predictions[i]!.label === lines[i]!.label).length / sure.length : 0,
  };
}

/**
 * k-fold cross-validation on the training utterances: each fold is classified by a classifier
 * built (and calibrated) without it. The keyword lists are hand-written and stay as they are.
 * `onFold` hears after each fold (the command line's progress bar).
 */
export function crossValidate(playbook: Playbook, folds = 5, onFold?: (done: number, total: number) => void): EvaluationReport {
  const utterances = playbook.utterances;
  const predictions: { label: Label; unsure: boolean; confidence: number }[] = new Array(utterances.length);
  const split = stratifiedFolds(utterances.map((u) => u.label), folds);
  split.forEach((fold, done) => {
    const inFold = new Set(fold);
    const classifier = ObjectionClassifier.build(playbook, { utterances: utterances.filter((_, i) => !inFold.has(i)) });
    for (const i of fold) predictions[i] = classifier.classify(utterances[i]!.text);
    onFold?.(done + 1, split.length);
  });
  const errors = utterances
    .map((u, i) => ({ text: u.text, gold: u.label, predicted: predictions[i]!.label, confidence: predictions[i]!.confidence, source: u.source }))
    .filter((e) => e.gold !== e.predicted);
  return { ...report(utterances, predictions), errors };
}
