/**
 * The move detector of practice mode: which moves of an objection's technique (and which
 * mistakes) a rep's answer shows, each with the rep's own sentence that showed it.
 *
 * One binary decision per move of the objection's type, from two sources combined:
 * - the phrase lists of data/practice/phrases.yaml, matched with the project's PhraseMatcher
 *   (normaliser, tokeniser, "…" gaps, longest match) and negated per clause: a negator earlier
 *   in the clause cancels a phrase, unless it sits in a harmless phrase ("不满意", "doesn't work
 *   out") or after a conditional word ("如果不满意…", "if it doesn't…"); a negator inside a
 *   technique phrase ("no obligation") cancels only the mistakes after it;
 * - a small classifier per move (binary logistic regression, intents/linear.ts) trained on the
 *   example answers of data/practice/examples/.
 *
 *   logit(move) = log-odds_model + β·[phrase found] − γ·[only negated phrases found]
 *
 * β, γ and a threshold per move are fitted on out-of-fold predictions of a 5-fold split of the
 * examples (best F1 per move); nothing from any held-out set is used.
 */
import { createHash } from 'node:crypto';
import { LANGS, type Lang, type Objection } from '../data/playbook.ts';
import { MOVES, type Move, type PracticeData, type PracticeExample } from '../data/practice.ts';
import { PhraseMatcher, type PhraseHit } from './keywords.ts';
import { LinearModel, type LinearSnapshot } from './linear.ts';
import { normalise } from './normalise.ts';
import { analyse, type StreamToken } from './tokenise.ts';

/** A move found in an answer. */
export interface MoveFound {
  move: Move;
  /** The sentence of the rep's answer that showed it, as the rep wrote it. */
  clause: string;
  /** The phrase that showed it, when one did (else the classifier alone decided). */
  phrase?: string;
  /** The combined score of the decision, shifted by the move's threshold: ≥ 0.5 means found. */
  p: number;
}

/** How phrase evidence and the classifier are weighed (fitted at build time). */
export interface MoveCalibration {
  beta: number;
  gamma: number;
  /** Decision threshold on the combined logit, per move. */
  threshold: Record<Move, number>;
}

/** A trained detector as plain data. */
export interface MoveSnapshot {
  version: string;
  calibration: MoveCalibration;
  models: [Move, LinearSnapshot][];
}

/** The revision of the detector's features and training (bump when they change). */
const PIPELINE = 1;

type Tag = Move | 'negator' | 'harmless' | 'conditional';
interface Evidence {
  found: Map<Move, { sentence: number; phrase: string }>;
  negated: Set<Move>;
}

const FOLDS = 5;
const BETA_GRID = [0, 1, 2, 3, 4, 6];
/** A negated phrase always counts against its move (the examples alone rarely show why). */
const GAMMA_GRID = [4];
const TRAIN = { epochs: 15 };
const THRESHOLD_GRID = Array.from({ length: 25 }, (_, i) => -3 + i * 0.25);
const SENTENCE_END = /[。！？!?；;\n]+|\.(?=\s|$)/u;

/** The sentences of an answer (what a scorecard quotes), trimmed, empty ones dropped. */
export function sentencesOf(text: string): string[] {
  return text.split(SENTENCE_END).map((s) => s.trim()).filter((s) => s.length > 0);
}

/** The classifier's features: the tokeniser's, plus digit-shaped copies ("3pm" → "#pm"). */
function featuresOf(text: string): string[] {
  const { features } = analyse(normalise(text));
  const shaped = features.filter((f) => /\d/.test(f)).map((f) => `#${f.replace(/\d+/g, '#')}`);
  return [...features, ...new Set(shaped)];
}

const logit = (p: number) => Math.log(Math.max(p, 1e-9) / Math.max(1 - p, 1e-9));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

export class MoveDetector {
  private readonly data: PracticeData;
  private readonly matchers: Record<Objection, PhraseMatcher<Tag>>;
  /** Technique phrases that hold a negator ("no obligation"): they cancel mistakes after them. */
  private readonly negatingPhrases: Set<string>;
  private readonly models: Map<Move, LinearModel>;
  readonly calibration: MoveCalibration;

  private constructor(data: PracticeData, models: Map<Move, LinearModel>, calibration: MoveCalibration | null) {
    this.data = data;
    this.models = models;
    const { phrases } = data;
    const extra = (tag: Tag, lists: Record<Lang, string[]>) => LANGS.flatMap((lang) => lists[lang].map((phrase) => ({ phrase, tag, weight: 1 })));
    const build = (type: Objection) =>
      new PhraseMatcher<Tag>(
        [...data.types[type].moves.flatMap((m) => extra(m, phrases.moves[m])), ...extra('negator', phrases.negators), ...extra('harmless', phrases.harmless), ...extra('conditional', phrases.conditionals)],
        [],
        phrases.negators,
      );
    this.matchers = { timing: build('timing'), deal_size: build('deal_size'), trust: build('trust') };
    const negators = new PhraseMatcher<'negator'>(extra('negator', phrases.negators) as { phrase: string; tag: 'negator'; weight: number }[], [], phrases.negators);
    this.negatingPhrases = new Set(
      MOVES.filter((m) => data.moves[m].kind === 'technique').flatMap((m) => LANGS.flatMap((lang) => phrases.moves[m][lang].filter((p) => negators.findIn(p).length > 0))),
    );
    this.calibration = calibration ?? { beta: 3, gamma: 1, threshold: Object.fromEntries(MOVES.map((m) => [m, 0])) as Record<Move, number> };
  }

  /** Trains the classifiers on the examples (or on `examples` instead) and fits the calibration. */
  static build(data: PracticeData, options: { examples?: PracticeExample[]; calibrate?: boolean } = {}): MoveDetector {
    const examples = options.examples ?? data.examples;
    const features = examples.map((e) => featuresOf(e.text));
    const detector = new MoveDetector(data, trainModels(examples, features), null);
    if (options.calibrate === false) return detector;
    const outOfFold: Map<Move, number>[] = examples.map(() => new Map());
    for (let fold = 0; fold < FOLDS; fold++) {
      const inFold = (i: number) => i % FOLDS === fold;
      const keep = examples.map((_, i) => i).filter((i) => !inFold(i));
      const models = trainModels(keep.map((i) => examples[i]!), keep.map((i) => features[i]!));
      examples.forEach((_, i) => {
        if (!inFold(i)) return;
        for (const [move, model] of models) outOfFold[i]!.set(move, model.probabilities(features[i]!)[1]!);
      });
    }
    const evidence = examples.map((e) => detector.evidence(e.text, e.type));
    return new MoveDetector(data, detector.models, fitCalibration(data, examples, outOfFold, evidence));
  }

  /**
   * What the trained detector depends on, as a short hash: the pipeline's revision, the phrase
   * lists, the moves of each type and the example answers. A snapshot of another version is stale.
   */
  static versionFor(data: PracticeData): string {
    const hash = createHash('sha256');
    hash.update(JSON.stringify({ pipeline: PIPELINE, phrases: data.phrases, types: Object.fromEntries(Object.entries(data.types).map(([t, r]) => [t, r.moves])), kinds: Object.fromEntries(Object.entries(data.moves).map(([m, i]) => [m, i.kind])) }));
    for (const e of data.examples) hash.update(`\u0000${e.lang}\u0001${e.type}\u0001${e.moves.join(',')}\u0001${e.text}`);
    return `moves-${PIPELINE}-${hash.digest('hex').slice(0, 16)}`;
  }

  /** The trained models and the calibration as plain data (see intents/moves-cache.ts). */
  toSnapshot(version: string): MoveSnapshot {
    return { version, calibration: this.calibration, models: [...this.models].map(([move, model]) => [move, model.toSnapshot()]) };
  }

  /** A detector from `toSnapshot()`'s data, over the same practice data. */
  static fromSnapshot(data: PracticeData, snapshot: MoveSnapshot): MoveDetector {
    return new MoveDetector(data, new Map(snapshot.models.map(([move, model]) => [move, LinearModel.fromSnapshot(model)])), snapshot.calibration);
  }

  /** The moves of `type` that `text` shows, in the rubric's order, each with its sentence. */
  detect(text: string, type: Objection): MoveFound[] {
    const evidence = this.evidence(text, type);
    const features = featuresOf(text);
    const found: MoveFound[] = [];
    for (const move of this.data.types[type].moves) {
      const model = this.models.get(move);
      const p = this.combine(move, model ? model.probabilities(features)[1]! : 0.5, evidence);
      if (p < 0.5) continue;
      const hit = evidence.found.get(move);
      const sentences = sentencesOf(text);
      const clause = hit ? sentences[hit.sentence]! : this.bestSentence(move, sentences);
      found.push({ move, clause, phrase: hit?.phrase, p: Math.round(p * 1000) / 1000 });
    }
    return found;
  }

  private combine(move: Move, pModel: number, evidence: Evidence): number {
    const { beta, gamma } = this.calibration;
    const phrase = evidence.found.has(move) ? beta : evidence.negated.has(move) ? -gamma : 0;
    return sigmoid(logit(pModel) + phrase - this.calibration.threshold[move]);
  }

  /**
   * The sentence the classifier owes the decision to: the one whose removal lowers the answer's
   * probability the most (openers like "Sure, take your time" often sit next to the real move).
   */
  private bestSentence(move: Move, sentences: string[]): string {
    const model = this.models.get(move);
    if (!model || sentences.length <= 1) return sentences[0] ?? '';
    let best = 0;
    let lowest = Infinity;
    sentences.forEach((_, i) => {
      const p = model.probabilities(featuresOf(sentences.filter((__, k) => k !== i).join('. ')))[1]!;
      if (p < lowest) [best, lowest] = [i, p];
    });
    return sentences[best]!;
  }

  /** The phrases found per move, sentence by sentence, with per-clause negation applied. */
  private evidence(text: string, type: Objection): Evidence {
    const found: Evidence['found'] = new Map();
    const negated = new Set<Move>();
    sentencesOf(text).forEach((sentence, index) => {
      const stream = analyse(normalise(sentence)).stream;
      const hits = this.matchers[type].find(stream).sort((a, b) => a.start - b.start);
      for (const hit of hits) {
        if (hit.tag === 'negator' || hit.tag === 'harmless' || hit.tag === 'conditional') continue;
        const move = hit.tag;
        if (this.isNegated(hit, hits, stream, this.data.moves[move].kind === 'mistake')) negated.add(move);
        else if (!found.has(move)) found.set(move, { sentence: index, phrase: hit.phrase });
      }
    });
    return { found, negated };
  }

  /** Whether a negator earlier in the hit's clause cancels it (see the module comment). */
  private isNegated(hit: PhraseHit<Tag>, hits: PhraseHit<Tag>[], stream: StreamToken[], isMistake: boolean): boolean {
    const clause = stream[hit.start]!.clause;
    const inClause = (h: PhraseHit<Tag>) => h.end <= hit.start && stream[h.start]!.clause === clause;
    return hits.some((other) => {
      if (!inClause(other)) return false;
      const negates = other.tag === 'negator' || (isMistake && this.negatingPhrases.has(other.phrase));
      if (!negates) return false;
      return !hits.some((c) => c.tag === 'conditional' && inClause(c) && c.end <= other.start);
    });
  }
}

/** One binary model per move, on every example (positives: the examples showing the move). */
function trainModels(examples: PracticeExample[], features: string[][]): Map<Move, LinearModel> {
  const models = new Map<Move, LinearModel>();
  for (const move of MOVES) {
    const rows = examples.map((e, i) => ({ features: features[i]!, label: e.moves.includes(move) ? 1 : 0 }));
    if (!rows.some((r) => r.label === 1)) continue;
    models.set(move, LinearModel.train(rows, 2, TRAIN));
  }
  return models;
}

/** β and γ shared, a threshold per move: the best summed F1 out of fold. */
function fitCalibration(data: PracticeData, examples: PracticeExample[], outOfFold: Map<Move, number>[], evidence: Evidence[]): MoveCalibration {
  let best: MoveCalibration = { beta: 3, gamma: 1, threshold: {} as Record<Move, number> };
  let bestScore = -1;
  const relevantOf = new Map(MOVES.map((move) => [move, examples.map((_, i) => i).filter((i) => data.types[examples[i]!.type].moves.includes(move))]));
  for (const beta of BETA_GRID) {
    for (const gamma of GAMMA_GRID) {
      const threshold = {} as Record<Move, number>;
      let score = 0;
      for (const move of MOVES) {
        const relevant = relevantOf.get(move)!;
        const z = relevant.map((i) => {
          const ev = evidence[i]!;
          return logit(outOfFold[i]!.get(move) ?? 0.5) + (ev.found.has(move) ? beta : ev.negated.has(move) ? -gamma : 0);
        });
        const gold = relevant.map((i) => examples[i]!.moves.includes(move));
        let moveBest = { t: 0, f1: -1 };
        for (const t of THRESHOLD_GRID) {
          const f1 = f1Of(gold, z.map((v) => v > t));
          if (f1 > moveBest.f1 + 1e-9 || (Math.abs(f1 - moveBest.f1) <= 1e-9 && Math.abs(t) < Math.abs(moveBest.t))) moveBest = { t, f1 };
        }
        threshold[move] = moveBest.t;
        score += moveBest.f1;
      }
      if (score > bestScore + 1e-9) [best, bestScore] = [{ beta, gamma, threshold }, score];
    }
  }
  return best;
}

function f1Of(gold: boolean[], predicted: boolean[]): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  gold.forEach((g, i) => {
    if (g && predicted[i]) tp++;
    else if (predicted[i]) fp++;
    else if (g) fn++;
  });
  return tp ? (2 * tp) / (2 * tp + fp + fn) : 0;
}
