/**
 * The statistical intent classifier: a sparse multinomial logistic regression (softmax) over
 * the features of `analyse`, trained with AdaGrad and L2 regularisation.
 *
 * Chosen over natural's BayesClassifier by measurement (see README "The classifier"): natural
 * turns every text into a dense vector over the whole vocabulary, which costs milliseconds per
 * quote at this vocabulary size, while this model touches only the features a text has.
 * Training is deterministic (seeded shuffle): the same playbook gives the same model.
 */
import { mulberry32 } from '../data/random.ts';

export interface TrainingExample {
  features: string[];
  /** Index of the class, 0 … classes-1. */
  label: number;
}

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { epochs: 15, learningRate: 0.2, l2: 1e-4, seed: 7 };

/** How much a feature counts before a text's vector is scaled to unit length (default 1). */
export type FeatureWeight = (feature: string) => number;

export class LinearModel {
  readonly classes: number;
  /** Feature → row of `weights`. */
  private readonly ids: Map<string, number>;
  /** Row-major: weights[id * classes + c]. */
  private readonly weights: Float64Array;
  private readonly bias: Float64Array;
  private readonly weigh: FeatureWeight;

  private constructor(classes: number, ids: Map<string, number>, weights: Float64Array, bias: Float64Array, weigh: FeatureWeight) {
    this.weigh = weigh;
    this.classes = classes;
    this.ids = ids;
    this.weights = weights;
    this.bias = bias;
  }

  /** Trains a model on `examples` for `classes` classes; `weigh` sets each feature's share. */
  static train(examples: TrainingExample[], classes: number, options: Partial<TrainOptions> = {}, weigh: FeatureWeight = () => 1): LinearModel {
    const { epochs, learningRate, l2, seed } = { ...DEFAULT_TRAIN_OPTIONS, ...options };
    const ids = new Map<string, number>();
    const rows = examples.map((example) =>
      Int32Array.from(example.features, (f) => {
        let id = ids.get(f);
        if (id === undefined) ids.set(f, (id = ids.size));
        return id;
      }),
    );
    const values = examples.map((example) => unitValues(example.features, weigh));
    const weights = new Float64Array(ids.size * classes);
    const squared = new Float64Array(ids.size * classes).fill(1e-8);
    const bias = new Float64Array(classes);
    const biasSquared = new Float64Array(classes).fill(1e-8);
    const model = new LinearModel(classes, ids, weights, bias, weigh);
    const order = examples.map((_, i) => i);
    const random = mulberry32(seed);
    const probabilities = new Float64Array(classes);
    for (let epoch = 0; epoch < epochs; epoch++) {
      shuffle(order, random);
      for (const i of order) {
        const row = rows[i]!;
        const value = values[i]!;
        const label = examples[i]!.label;
        model.scoreRow(row, value, probabilities);
        for (let c = 0; c < classes; c++) {
          const error = probabilities[c]! - (c === label ? 1 : 0);
          biasSquared[c]! += error * error;
          bias[c]! -= (learningRate * error) / Math.sqrt(biasSquared[c]!);
          for (let j = 0; j < row.length; j++) {
            const k = row[j]! * classes + c;
            const gradient = error * value[j]! + l2 * weights[k]!;
            squared[k]! += gradient * gradient;
            weights[k]! -= (learningRate * gradient) / Math.sqrt(squared[k]!);
          }
        }
      }
    }
    return model;
  }

  /** Class probabilities for a text's features (unknown features are ignored). */
  probabilities(features: string[]): Float64Array {
    const all = unitValues(features, this.weigh);
    const row: number[] = [];
    const value: number[] = [];
    features.forEach((f, j) => {
      const id = this.ids.get(f);
      if (id !== undefined) row.push(id), value.push(all[j]!);
    });
    const out = new Float64Array(this.classes);
    this.scoreRow(row, value, out);
    return out;
  }

  private scoreRow(row: ArrayLike<number>, value: ArrayLike<number>, out: Float64Array): void {
    const classes = this.classes;
    out.set(this.bias);
    for (let j = 0; j < row.length; j++) {
      const base = row[j]! * classes;
      for (let c = 0; c < classes; c++) out[c]! += this.weights[base + c]! * value[j]!;
    }
    softmaxInPlace(out);
  }

  /**
   * Indices into `features` of those that pushed most towards class `label` (by at least
   * `minMargin` over any other class), strongest first: the model's reason in the text's words.
   */
  strongestFor(features: string[], label: number, limit: number, minMargin = 0): number[] {
    const scored: [number, number][] = [];
    features.forEach((f, index) => {
      const id = this.ids.get(f);
      if (id === undefined) return;
      const base = id * this.classes;
      let others = -Infinity;
      for (let c = 0; c < this.classes; c++) if (c !== label) others = Math.max(others, this.weights[base + c]!);
      const margin = this.weights[base + label]! - others;
      if (margin > minMargin) scored.push([index, margin]);
    });
    return scored.sort((a, b) => b[1] - a[1]).slice(0, limit).map(([index]) => index);
  }

  /** The trained weights as plain data (exact: the floats travel as base64 of their bytes). */
  toSnapshot(): LinearSnapshot {
    return { classes: this.classes, features: [...this.ids.keys()], weights: base64Of(this.weights), bias: [...this.bias] };
  }

  /** A model from `toSnapshot()`'s data; `weigh` must be the function it was trained with. */
  static fromSnapshot(snapshot: LinearSnapshot, weigh: FeatureWeight = () => 1): LinearModel {
    const ids = new Map(snapshot.features.map((feature, id) => [feature, id]));
    const bytes = Buffer.from(snapshot.weights, 'base64');
    const weights = new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    if (weights.length !== ids.size * snapshot.classes) throw new Error('model snapshot: weights do not match its features');
    return new LinearModel(snapshot.classes, ids, weights, Float64Array.from(snapshot.bias), weigh);
  }

  /** Number of distinct features the model knows. */
  get vocabularySize(): number {
    return this.ids.size;
  }
}

/** A trained model as plain JSON data. */
export interface LinearSnapshot {
  classes: number;
  features: string[];
  /** Float64 weights, row-major, as base64 of their bytes. */
  weights: string;
  bias: number[];
}

function base64Of(values: Float64Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

/** Each feature's value: its weight, the text's vector scaled to unit length so long texts don't shout. */
function unitValues(features: string[], weigh: FeatureWeight): Float64Array {
  const values = Float64Array.from(features, weigh);
  let norm = 0;
  for (const v of values) norm += v * v;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let j = 0; j < values.length; j++) values[j]! /= norm;
  return values;
}

export function softmaxInPlace(values: Float64Array): void {
  let max = -Infinity;
  for (const v of values) max = Math.max(max, v);
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    values[i] = Math.exp(values[i]! - max);
    sum += values[i]!;
  }
  for (let i = 0; i < values.length; i++) values[i]! /= sum;
}

function shuffle<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}
