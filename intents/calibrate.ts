/**
 * Combining the keyword scores with the statistical model, and fitting the three numbers that
 * govern it on out-of-fold predictions:
 *
 *   part(x)      = log P_model(x) + β · keywordScore(x)
 *   logit        = part(quote or whole text) + λ · part(narrative around the quote)
 *   probabilities = softmax(logit / T)
 *
 * β (how much the playbook's phrases count against the model) and λ (how much the rep's
 * narrative counts beside the customer's quoted words) are chosen for the best macro-F1, T (the
 * temperature that makes the confidence honest) for the lowest log loss. The lines they are
 * fitted on must be lines the keyword authors never saw: on the lines whose errors shaped the
 * keyword lists, the phrases look better than they are and β comes out too high.
 */
import { LABELS, type Label } from '../data/playbook.ts';
import { computeMetrics } from './metrics.ts';

export interface Calibration {
  beta: number;
  temperature: number;
  /** λ: weight of the narrative around a quote. */
  narrative: number;
}

/** What one part of a text contributes before calibration. */
export interface PartScore {
  modelLog: Float64Array;
  keywordScores: Record<Label, number>;
}

/** A text as the combiner sees it: the quote (or the whole text), and the narrative if any. */
export interface Scored {
  main: PartScore;
  narrative?: PartScore;
}

export const DEFAULT_CALIBRATION: Calibration = { beta: 0.5, temperature: 1, narrative: 0.5 };
const BETA_GRID = [0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1, 1.25, 1.5, 2];
const NARRATIVE_GRID = [0, 0.25, 0.5, 0.75, 1];
/** λ is fitted only when at least this many calibration lines have a quote. */
const MIN_QUOTED = 30;

/** Calibrated probabilities, in LABELS order. */
export function combine(scored: Scored, { beta, temperature, narrative }: Calibration): Float64Array {
  const logits = new Float64Array(LABELS.length);
  LABELS.forEach((label, i) => {
    let v = scored.main.modelLog[i]! + beta * scored.main.keywordScores[label];
    if (scored.narrative) v += narrative * (scored.narrative.modelLog[i]! + beta * scored.narrative.keywordScores[label]);
    logits[i] = v / temperature;
  });
  let max = -Infinity;
  for (const v of logits) max = Math.max(max, v);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += logits[i] = Math.exp(logits[i]! - max);
  return logits.map((v) => v / sum);
}

/** β and λ for the best macro-F1 (ties: lower log loss), then T for the lowest log loss. */
export function fitCalibration(scored: Scored[], gold: Label[]): Calibration {
  const goldIndex = gold.map((g) => LABELS.indexOf(g));
  const logLoss = (calibration: Calibration) =>
    scored.reduce((sum, s, i) => sum - Math.log(Math.max(combine(s, calibration)[goldIndex[i]!]!, 1e-12)), 0) / scored.length;
  const quoted = scored.filter((s) => s.narrative).length;
  const narratives = quoted >= MIN_QUOTED ? NARRATIVE_GRID : [DEFAULT_CALIBRATION.narrative];
  let best = { beta: 0, narrative: DEFAULT_CALIBRATION.narrative, f1: -1, loss: Infinity };
  for (const beta of BETA_GRID) {
    for (const narrative of narratives) {
      const calibration = { beta, narrative, temperature: 1 };
      const predicted = scored.map((s) => LABELS[argmax(combine(s, calibration))]!);
      const f1 = computeMetrics(gold, predicted).macroF1;
      const loss = logLoss(calibration);
      if (f1 > best.f1 + 1e-9 || (Math.abs(f1 - best.f1) <= 1e-9 && loss < best.loss)) best = { beta, narrative, f1, loss };
    }
  }
  let temperature = 1;
  let bestLoss = Infinity;
  for (let t = 0.3; t <= 4.0001; t += 0.05) {
    const loss = logLoss({ beta: best.beta, narrative: best.narrative, temperature: t });
    if (loss < bestLoss) {
      bestLoss = loss;
      temperature = t;
    }
  }
  return { beta: best.beta, narrative: best.narrative, temperature: Math.round(temperature * 1000) / 1000 };
}

export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}
