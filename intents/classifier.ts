/**
 * The objection classifier: the playbook's keyword phrases and a statistical model combined
 * into one calibrated answer, with the policy that decides when to ask the rep, and the reason.
 *
 * - When a rep's narrative quotes the customer (quote.ts), the quote and the narrative are
 *   scored apart and combined (calibrate.ts); otherwise the whole text is scored.
 * - β, λ and T, and the confidence policy (policy.ts, one per language: the languages are not
 *   equally hard), are fitted when the classifier is built,
 *   on out-of-fold predictions of a 5-fold split — scored only on lines the keyword authors
 *   never saw (the rep-style files `utterances/rep-*.yaml` and the team's corrections). Nothing
 *   from any test set is used.
 * - `ObjectionClassifier.build(playbook, { extra })` retrains with the team's accepted
 *   corrections; `version` names the pipeline and a short hash of the playbook it was built
 *   from, then `+` a short hash of the corrections when there are any
 *   (`kw+softmax-5@3c1f0a9b2e+5d41c0e7`), so it changes exactly when either does.
 */
import { createHash } from 'node:crypto';
import { LABELS, LANGS, type Label, type Lang, type Playbook, type Utterance } from '../data/playbook.ts';
import { combine, DEFAULT_CALIBRATION, fitCalibration, type Calibration, type PartScore, type Scored } from './calibrate.ts';
import { KeywordClassifier, type Evidence } from './keywords.ts';
import { DEFAULT_TRAIN_OPTIONS, LinearModel, type LinearSnapshot, type TrainOptions } from './linear.ts';
import { stratifiedFolds } from './metrics.ts';
import { detectLanguage, normalise } from './normalise.ts';
import { decide as decideWith, DEFAULT_POLICY, fitPolicy, type Decision, type Policy } from './policy.ts';
import { splitQuote } from './quote.ts';
import { CUE_MIN_MARGIN, reasonFor } from './reason.ts';
import { segmenterName } from './segment.ts';
import { analyse, featureWeight, type Analysis } from './tokenise.ts';

export type { Calibration } from './calibrate.ts';
export type { Policy } from './policy.ts';
export { decide } from './policy.ts';

/** The classification pipeline; `classifier.version` adds a hash of the training data. */
export const CLASSIFIER_VERSION = 'kw+softmax-5';

const CALIBRATION_FOLDS = 5;
/** Lines from files named like this were written without looking at the keyword lists. */
const KEYWORD_BLIND_SOURCE = /(^|[/\\])rep-[^/\\]*\.yaml:\d+$/;
/** Source given to the team's corrections. */
export const EXTRA_SOURCE = 'correction';
/** Below this many keyword-blind lines, calibration falls back to all lines. */
const MIN_BLIND = 200;

/** A labelled line from outside the playbook (a correction the team accepted). */
export interface LabelledText {
  text: string;
  label: Label;
}

export interface BuildOptions {
  /** Train on these instead of the playbook's own utterances. */
  utterances?: Utterance[];
  /** Extra labelled lines trained on beside the utterances (accepted corrections). */
  extra?: LabelledText[];
  /** false: skip fitting (β, λ, T and the policy keep their defaults). */
  calibrate?: boolean;
  train?: Partial<TrainOptions>;
}

export interface Classification {
  label: Label;
  confidence: number;
  scores: Record<Label, number>;
  /** The reason: whole words or phrases of the quote that drove the decision (≤ 3). */
  reason: string[];
  /** Same as `reason` (kept for callers written before `reason`). */
  matched: string[];
  /** True when the caller should ask the rep to choose among `candidates`. */
  unsure: boolean;
  /** Labels worth offering when unsure, most likely first. */
  candidates: Label[];
  lang: 'zh' | 'en';
  /** The customer's words found inside the rep's narrative, when there were any. */
  quote?: string;
  /** Every playbook phrase found, negated ones included. */
  evidence: Evidence[];
  /** The version of the model that answered (the audit log records it). */
  version: string;
}

/** A trained classifier as plain JSON data (see `toSnapshot`). */
export interface ClassifierSnapshot {
  version: string;
  trainingSize: number;
  calibration: Calibration;
  policy: Record<Lang, Policy>;
  model: LinearSnapshot;
}

interface Part extends PartScore {
  analysis: Analysis;
  evidence: Evidence[];
}

export class ObjectionClassifier {
  private readonly keywords: KeywordClassifier;
  private readonly model: LinearModel;
  readonly calibration: Calibration;
  /** The confidence policy of each language. */
  readonly policy: Record<Lang, Policy>;
  /** Pipeline and a short hash of the keyword lists and training lines: changes when they do. */
  readonly version: string;
  /** Milliseconds the build took (training and calibration). */
  readonly buildMs: number;
  /** Number of lines trained on (utterances and extra lines). */
  readonly trainingSize: number;

  private constructor(fields: Pick<ObjectionClassifier, 'calibration' | 'policy' | 'version' | 'buildMs' | 'trainingSize'> & { keywords: KeywordClassifier; model: LinearModel }) {
    this.keywords = fields.keywords;
    this.model = fields.model;
    this.calibration = fields.calibration;
    this.policy = fields.policy;
    this.version = fields.version;
    this.buildMs = fields.buildMs;
    this.trainingSize = fields.trainingSize;
  }

  /** Trains and calibrates a classifier from the playbook, plus any extra labelled lines. */
  static build(playbook: Playbook, options: BuildOptions = {}): ObjectionClassifier {
    const started = performance.now();
    const utterances = [...(options.utterances ?? playbook.utterances), ...(options.extra ?? []).map(toUtterance)];
    const keywords = new KeywordClassifier(playbook);
    const analysed = utterances.map((u) => analyse(normalise(u.text)));
    const examples = analysed.map((a, i) => ({ features: a.features, label: LABELS.indexOf(utterances[i]!.label) }));
    const model = LinearModel.train(examples, LABELS.length, options.train, featureWeight);

    let calibration = DEFAULT_CALIBRATION;
    let policy: Record<Lang, Policy> = { zh: DEFAULT_POLICY, en: DEFAULT_POLICY };
    if (options.calibrate !== false) {
      let blind = utterances.map((u) => u.source === EXTRA_SOURCE || KEYWORD_BLIND_SOURCE.test(u.source));
      if (blind.filter(Boolean).length < MIN_BLIND) blind = blind.map(() => true);
      const scored: Scored[] = [];
      const gold: Label[] = [];
      const langs: Lang[] = [];
      for (const fold of stratifiedFolds(utterances.map((u) => u.label), CALIBRATION_FOLDS)) {
        const inFold = new Set(fold);
        const foldModel = LinearModel.train(examples.filter((_, i) => !inFold.has(i)), LABELS.length, options.train, featureWeight);
        for (const i of fold) {
          if (!blind[i]) continue;
          scored.push(toScored(scoreParts(utterances[i]!.text, foldModel, keywords, analysed[i])));
          gold.push(utterances[i]!.label);
          langs.push(utterances[i]!.lang);
        }
      }
      calibration = fitCalibration(scored, gold);
      const probabilities = scored.map((s) => combine(s, calibration));
      const fitFor = (lang: Lang) => {
        const idx = langs.map((l, i) => (l === lang ? i : -1)).filter((i) => i >= 0);
        return idx.length ? fitPolicy(idx.map((i) => probabilities[i]!), idx.map((i) => gold[i]!)) : fitPolicy(probabilities, gold);
      };
      policy = Object.fromEntries(LANGS.map((lang) => [lang, fitFor(lang)])) as Record<Lang, Policy>;
    }
    const version = ObjectionClassifier.versionFor(playbook, options);
    return new ObjectionClassifier({ keywords, model, calibration, policy, version, buildMs: performance.now() - started, trainingSize: utterances.length });
  }

  /** The version a build from `playbook` with `options` would carry, without building it. */
  static versionFor(playbook: Playbook, options: BuildOptions = {}): string {
    const base = `${CLASSIFIER_VERSION}@${fingerprint(playbook, options.utterances ?? playbook.utterances, options.train)}`;
    return options.extra?.length ? `${base}+${correctionsHash(options.extra)}` : base;
  }

  /** What was learnt, as plain data: restoring it skips the training. */
  toSnapshot(): ClassifierSnapshot {
    return { version: this.version, trainingSize: this.trainingSize, calibration: this.calibration, policy: this.policy, model: this.model.toSnapshot() };
  }

  /**
   * The classifier a snapshot was taken of, over the playbook's keyword lists (which must be those
   * it was built with); `sameKeywords`: a classifier of the same playbook whose compiled keyword
   * lists are reused (a swap after a retrain then costs the thread that answers reps less).
   */
  static fromSnapshot(playbook: Playbook, snapshot: ClassifierSnapshot, sameKeywords?: ObjectionClassifier): ObjectionClassifier {
    const model = LinearModel.fromSnapshot(snapshot.model, featureWeight);
    const { calibration, policy, version, trainingSize } = snapshot;
    const keywords = sameKeywords?.keywords ?? new KeywordClassifier(playbook);
    return new ObjectionClassifier({ keywords, model, calibration, policy, version, buildMs: 0, trainingSize });
  }

  /** Classifies one quote (or a rep's narrative around one). */
  classify(text: string): Classification {
    const parts = scoreParts(text, this.model, this.keywords);
    const probabilities = combine(toScored(parts), this.calibration);
    const lang = detectLanguage(text);
    const { label, unsure, candidates } = this.decide(probabilities, lang);
    const labelIndex = LABELS.indexOf(label);
    const sources = (parts.quote ? [parts.quote, parts.rest] : [parts.rest]).filter((p): p is Part => p !== undefined);
    const reason = reasonFor(
      label,
      sources.map((p) => ({ evidence: p.evidence, analysis: p.analysis, strongest: this.model.strongestFor(p.analysis.features, labelIndex, 12, CUE_MIN_MARGIN) })),
    );
    const scores = Object.fromEntries(LABELS.map((l, i) => [l, round(probabilities[i]!)])) as Record<Label, number>;
    return {
      label,
      confidence: round(probabilities[labelIndex]!),
      scores,
      reason,
      matched: reason,
      unsure,
      candidates,
      lang,
      ...(parts.quoteText ? { quote: parts.quoteText } : {}),
      evidence: sources.flatMap((p) => p.evidence),
      version: this.version,
    };
  }

  /** The policy's decision on calibrated probabilities (in LABELS order) for a text in `lang`. */
  decide(probabilities: ArrayLike<number>, lang: Lang): Decision {
    return decideWith(probabilities, this.policy[lang]);
  }

  /** A classifier built from the same playbook with these extra lines (replacing earlier ones). */
  static withCorrections(playbook: Playbook, extra: LabelledText[]): ObjectionClassifier {
    return ObjectionClassifier.build(playbook, { extra });
  }

  /** Number of features the statistical model knows. */
  get vocabularySize(): number {
    return this.model.vocabularySize;
  }
}

function toUtterance(line: LabelledText): Utterance {
  return { text: line.text, label: line.label, lang: detectLanguage(line.text), source: EXTRA_SOURCE };
}

/** The parts of a text, each scored: the quote and the rest, or the whole text as `rest` (`whole`: its analysis, if known). */
function scoreParts(text: string, model: LinearModel, keywords: KeywordClassifier, whole?: Analysis): { quote?: Part; rest?: Part; quoteText?: string } {
  const score = (t: string): Part => {
    const analysis = t === text && whole ? whole : analyse(normalise(t));
    const result = keywords.classifyStream(analysis.stream);
    const probabilities = model.probabilities(analysis.features);
    return { analysis, evidence: result.evidence, keywordScores: result.scores, modelLog: probabilities.map((p) => Math.log(Math.max(p, 1e-12))) };
  };
  const split = splitQuote(text);
  if (!split) return { rest: score(text) };
  return { quote: score(split.quote), rest: split.narrative ? score(split.narrative) : undefined, quoteText: split.quote };
}

function toScored(parts: { quote?: Part; rest?: Part }): Scored {
  if (parts.quote) return { main: parts.quote, narrative: parts.rest };
  return { main: parts.rest! };
}

/** Short hash of what the classifier is built from. */
function fingerprint(playbook: Playbook, utterances: Utterance[], train: Partial<TrainOptions> | undefined): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify([playbook.keywords, playbook.negators, playbook.exceptions, { ...DEFAULT_TRAIN_OPTIONS, ...train }, segmenterName()]));
  for (const u of utterances) hash.update(`\n${u.label}\t${u.text}`);
  return hash.digest('hex').slice(0, 10);
}

/** Short hash of the team's corrections, in their order. */
export function correctionsHash(extra: readonly LabelledText[]): string {
  const hash = createHash('sha256');
  for (const line of extra) hash.update(`${line.label}\t${line.text}\n`);
  return hash.digest('hex').slice(0, 8);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
