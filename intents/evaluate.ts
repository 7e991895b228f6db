/**
 * Measuring the classifier: evaluation on a labelled set (overall and per language, with the
 * confidence policy's rates) and k-fold cross-validation on the playbook's training utterances.
 */
import { LANGS, type Label, type Lang, type Playbook } from '../data/playbook.ts';
import { ObjectionClassifier } from './classifier.ts';
import { computeMetrics, stratifiedFolds, type MetricsReport } from './metrics.ts';
import { detectLanguage } from './normalise.ts';
import { policyRates, type Decision, type PolicyRates } from './policy.ts';

export interface LabelledLine {
  text: string;
  label: Label;
  /** Language of the line; detected from the text when absent. */
  lang?: Lang;
}

export interface EvaluationReport {
  overall: MetricsReport;
  byLanguage: Partial<Record<Lang, MetricsReport>>;
  /** Confidently wrong, ask rate and candidate hit rate: overall and per language. */
  policy: PolicyRates;
  policyByLanguage: Partial<Record<Lang, PolicyRates>>;
  /** Share of lines the classifier marked unsure (the bot would ask the rep to choose). */
  unsureRate: number;
  /** Accuracy on the lines it was sure about. */
  sureAccuracy: number;
  /** The lines it got wrong (filled by cross-validation, to help whoever edits the playbook). */
  errors?: { text: string; gold: Label; predicted: Label; confidence: number; source?: string }[];
}

/** Classifies every line with `classify` and reports the metrics. */
export function evaluate(lines: LabelledLine[], classify: (text: string) => Decision): EvaluationReport {
  return report(lines, lines.map((line) => classify(line.text)));
}

function report(lines: LabelledLine[], predictions: Decision[]): EvaluationReport {
  const langOf = (line: LabelledLine) => line.lang ?? detectLanguage(line.text);
  const byLanguage: EvaluationReport['byLanguage'] = {};
  const policyByLanguage: EvaluationReport['policyByLanguage'] = {};
  for (const lang of LANGS) {
    const idx = lines.map((l, i) => (langOf(l) === lang ? i : -1)).filter((i) => i >= 0);
    if (!idx.length) continue;
    const gold = idx.map((i) => lines[i]!.label);
    byLanguage[lang] = computeMetrics(gold, idx.map((i) => predictions[i]!.label));
    policyByLanguage[lang] = policyRates(idx.map((i) => predictions[i]!), gold);
  }
  const gold = lines.map((l) => l.label);
  const sure = predictions.map((p, i) => (p.unsure ? -1 : i)).filter((i) => i >= 0);
  return {
    overall: computeMetrics(gold, predictions.map((p) => p.label)),
    byLanguage,
    policy: policyRates(predictions, gold),
    policyByLanguage,
    unsureRate: lines.length ? 1 - sure.length / lines.length : 0,
    sureAccuracy: sure.length ? sure.filter((i) => predictions[i]!.label === lines[i]!.label).length / sure.length : 0,
  };
}

/** One line of policy rates, for reports. */
export function formatPolicy(title: string, rates: PolicyRates): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  return `${title}: confidently wrong ${pct(rates.confidentlyWrong)} (target ≤ 5%), asks on ${pct(rates.askRate)} (≤ 15%), candidates hit ${pct(rates.candidateHit)} when asking (≥ 97%) — ${rates.count} lines`;
}

/**
 * k-fold cross-validation on the training utterances: each fold is classified by a classifier
 * built (and calibrated) without it. The keyword lists are hand-written and stay as they are.
 * `include` limits which lines are scored (all are still trained on outside their fold);
 * `onFold` hears after each fold (the command line's progress bar).
 */
export function crossValidate(
  playbook: Playbook,
  folds = 5,
  options: { include?: (source: string) => boolean; onFold?: (done: number, total: number) => void } = {},
): EvaluationReport {
  const include = options.include ?? (() => true);
  const utterances = playbook.utterances;
  const predictions: (Decision & { confidence: number })[] = new Array(utterances.length);
  const split = stratifiedFolds(utterances.map((u) => u.label), folds);
  split.forEach((fold, done) => {
    const inFold = new Set(fold);
    const classifier = ObjectionClassifier.build(playbook, { utterances: utterances.filter((_, i) => !inFold.has(i)) });
    for (const i of fold) if (include(utterances[i]!.source)) predictions[i] = classifier.classify(utterances[i]!.text);
    options.onFold?.(done + 1, split.length);
  });
  const scored = utterances.map((_, i) => i).filter((i) => predictions[i]);
  const lines = scored.map((i) => utterances[i]!);
  const errors = scored
    .map((i) => ({ text: utterances[i]!.text, gold: utterances[i]!.label, predicted: predictions[i]!.label, confidence: predictions[i]!.confidence, source: utterances[i]!.source }))
    .filter((e) => e.gold !== e.predicted);
  return { ...report(lines, scored.map((i) => predictions[i]!)), errors };
}
