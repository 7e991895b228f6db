/**
 * The objection classifier: the keyword classifier and the statistical model combined into one
 * calibrated answer with its reason.
 *
 *   logit(label) = log P_model(label) + β · keywordScore(label)
 *   scores       = softmax(logit / T)
 *
 * β (how much the playbook's phrases count against the model) and T (the temperature that makes
 * `confidence` honest) are fitted when the classifier is built, on out-of-fold predictions of a
 * 5-fold split of the training utterances: β for the best macro-F1, T for the lowest log loss.
 * Nothing from any test set is used.
 *
 * An answer is `unsure` when the top score is below UNSURE_CONFIDENCE or within UNSURE_MARGIN of
 * the runner-up; the caller then asks the rep to choose among `candidates`.
 */
import { LABELS, type Label, type Playbook, type Utterance } from '../data/playbook.ts';
import { KeywordClassifier, type Evidence } from './keywords.ts';
import { LinearModel, type TrainOptions } from './linear.ts';
import { computeMetrics, stratifiedFolds } from './metrics.ts';
import { detectLanguage, normalise } from './normalise.ts';
import { analyse } from './tokenise.ts';
import { words as englishStopWords } from 'natural/lib/natural/util/stopwords.js';

/** Version of the classification pipeline, recorded with every classification in the audit log. */
export const CLASSIFIER_VERSION = 'kw+softmax-1';

export const UNSURE_CONFIDENCE = 0.5;
export const UNSURE_MARGIN = 0.15;
const CALIBRATION_FOLDS = 5;
/** At most this many model words in a reason (given only when no playbook phrase was found). */
const MAX_REASONS = 2;
/** A model feature is named in a reason only if it favours the label by this much. */
const CUE_MIN_MARGIN = 0.4;
const STOP_WORDS = new Set(englishStopWords);
const BETA_GRID = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1, 1.25, 1.5, 2, 2.5, 3, 4];

export interface Classification {
  label: Label;
  confidence: number;
  scores: Record<Label, number>;
  /** The reason: playbook phrases found for the label, then the words the model weighed most. */
  matched: string[];
  /** True when the caller should ask the rep to choose among `candidates`. */
  unsure: boolean;
  /** Labels worth offering when unsure, most likely first. */
  candidates: Label[];
  lang: 'zh' | 'en';
  /** Every playbook phrase found, negated ones included. */
  evidence: Evidence[];
}

export interface Calibration {
  beta: number;
  temperature: number;
}

interface Scored {
  modelLog: Float64Array;
  keywordScores: Record<Label, number>;
}

export class ObjectionClassifier {
  private readonly keywords: KeywordClassifier;
  private readonly model: LinearModel;
  readonly calibration: Calibration;
  /** Milliseconds the build took (training and calibration). */
  readonly buildMs: number;

  private constructor(keywords: KeywordClassifier, model: LinearModel, calibration: Calibration, buildMs: number) {
    this.keywords = keywords;
    this.model = model;
    this.calibration = calibration;
    this.buildMs = buildMs;
  }

  /** Trains and calibrates a classifier from the playbook (or from `utterances` instead of its own). */
  static build(playbook: Playbook, options: { utterances?: Utterance[]; calibrate?: boolean; train?: Partial<TrainOptions> } = {}): ObjectionClassifier {
    const started = performance.now();
    const utterances = options.utterances ?? playbook.utterances;
    const keywords = new KeywordClassifier(playbook);
    const analysed = utterances.map((u) => analyse(normalise(u.text)));
    const examples = analysed.map((a, i) => ({ features: a.features, label: LABELS.indexOf(utterances[i]!.label) }));
    const model = LinearModel.train(examples, LABELS.length, options.train);

    let calibration: Calibration = { beta: 0.5, temperature: 1 };
    if (options.calibrate !== false) {
      const gold = utterances.map((u) => u.label);
      const outOfFold: Scored[] = new Array(utterances.length);
      for (const fold of stratifiedFolds(gold, CALIBRATION_FOLDS)) {
        const inFold = new Set(fold);
        const foldModel = LinearModel.train(examples.filter((_, i) => !inFold.has(i)), LABELS.length, options.train);
        for (const i of fold) {
          outOfFold[i] = { modelLog: logOf(foldModel.probabilities(examples[i]!.features)), keywordScores: keywords.classifyStream(analysed[i]!.stream).scores };
        }
      }
      calibration = fitCalibration(outOfFold, gold);
    }
    return new ObjectionClassifier(keywords, model, calibration, performance.now() - started);
  }

  /** Classifies one quote. */
  classify(text: string): Classification {
    const analysis = analyse(normalise(text));
    const keywordResult = this.keywords.classifyStream(analysis.stream);
    const modelProbabilities = this.model.probabilities(analysis.features);
    const probabilities = combine({ modelLog: logOf(modelProbabilities), keywordScores: keywordResult.scores }, this.calibration);

    const { label, unsure, candidates } = decide(probabilities);
    const top = { label, p: probabilities[LABELS.indexOf(label)]! };
    const matched = keywordResult.evidence.filter((e) => e.label === top.label && !e.negated).map((e) => e.phrase);
    if (matched.length === 0) {
      for (const index of this.model.strongestFor(analysis.features, LABELS.indexOf(top.label), 8, CUE_MIN_MARGIN)) {
        if (matched.length >= MAX_REASONS) break;
        const surface = analysis.surfaces[index]!;
        if (!isTellingCue(analysis.features[index]!, surface)) continue;
        if (!matched.some((m) => normalise(m).includes(surface) || surface.includes(normalise(m)))) matched.push(surface);
      }
    }
    const scores = Object.fromEntries(LABELS.map((label, i) => [label, round(probabilities[i]!)])) as Record<Label, number>;
    return {
      label: top.label,
      confidence: round(top.p),
      scores,
      matched,
      unsure,
      candidates,
      lang: detectLanguage(text),
      evidence: keywordResult.evidence,
    };
  }

  /** Number of features the statistical model knows. */
  get vocabularySize(): number {
    return this.model.vocabularySize;
  }
}

/** Whether a model feature is worth showing a rep as a reason: words and pairs, not stop words or lone characters. */
function isTellingCue(feature: string, surface: string): boolean {
  if (feature.startsWith('c:')) return false;
  if (feature.startsWith('w:')) return [...surface].length >= 2;
  return !surface.split(' ').every((word) => STOP_WORDS.has(word));
}

/**
 * The decision on calibrated probabilities (in LABELS order): the top label, whether it is too
 * uncertain to coach on without asking, and which labels to offer the rep then.
 */
export function decide(probabilities: ArrayLike<number>): { label: Label; unsure: boolean; candidates: Label[] } {
  const ranked = LABELS.map((label, i) => ({ label, p: probabilities[i]! })).sort((a, b) => b.p - a.p);
  const [top, second] = [ranked[0]!, ranked[1]!];
  const unsure = top.p < UNSURE_CONFIDENCE || top.p - second.p < UNSURE_MARGIN;
  const candidates = unsure ? ranked.filter((r, i) => i < 2 || r.p >= 0.15).slice(0, 3).map((r) => r.label) : [top.label];
  return { label: top.label, unsure, candidates };
}

function logOf(probabilities: Float64Array): Float64Array {
  return probabilities.map((p) => Math.log(Math.max(p, 1e-12)));
}

function combine(scored: Scored, { beta, temperature }: Calibration): Float64Array {
  const logits = new Float64Array(LABELS.length);
  LABELS.forEach((label, i) => {
    logits[i] = (scored.modelLog[i]! + beta * scored.keywordScores[label]) / temperature;
  });
  let max = -Infinity;
  for (const v of logits) max = Math.max(max, v);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += logits[i] = Math.exp(logits[i]! - max);
  return logits.map((v) => v / sum);
}

/** β for the best out-of-fold macro-F1 (ties: lower log loss), then T for the lowest log loss. */
function fitCalibration(scored: Scored[], gold: Label[]): Calibration {
  const goldIndex = gold.map((g) => LABELS.indexOf(g));
  const logLoss = (calibration: Calibration) =>
    scored.reduce((sum, s, i) => sum - Math.log(Math.max(combine(s, calibration)[goldIndex[i]!]!, 1e-12)), 0) / scored.length;
  let best = { beta: 0, f1: -1, loss: Infinity };
  for (const beta of BETA_GRID) {
    const predicted = scored.map((s) => LABELS[argmax(combine(s, { beta, temperature: 1 }))]!);
    const f1 = computeMetrics(gold, predicted).macroF1;
    const loss = logLoss({ beta, temperature: 1 });
    if (f1 > best.f1 + 1e-9 || (Math.abs(f1 - best.f1) <= 1e-9 && loss < best.loss)) best = { beta, f1, loss };
  }
  let temperature = 1;
  let bestLoss = Infinity;
  for (let t = 0.3; t <= 4.0001; t += 0.05) {
    const loss = logLoss({ beta: best.beta, temperature: t });
    if (loss < bestLoss) {
      bestLoss = loss;
      temperature = t;
    }
  }
  return { beta: best.beta, temperature: round(temperature) };
}

function argmax(values: Float64Array): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
