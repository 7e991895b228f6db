/**
 * Classifier figures: build time, latency per quote (median and p99, µs), throughput on one
 * core, process RSS — and the measurement behind the choice of statistical model: our sparse
 * softmax against natural's BayesClassifier, both on the same features, without keywords.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier.js';
import { LABELS, loadPlaybook, type Label, type Utterance } from '../data/playbook.ts';
import { ObjectionClassifier } from '../intents/classifier.ts';
import { LinearModel } from '../intents/linear.ts';
import { computeMetrics, stratifiedFolds } from '../intents/metrics.ts';
import { normalise } from '../intents/normalise.ts';
import { analyse } from '../intents/tokenise.ts';

const HELDOUT = fileURLToPath(new URL('../tests/heldout/heldout.jsonl', import.meta.url));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Per-call latency in µs of `fn` over `inputs`, `rounds` times each. */
function timeCalls<T>(inputs: T[], rounds: number, fn: (input: T) => unknown): { median: number; p99: number; perSecond: number } {
  const samples: number[] = [];
  const started = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) {
    for (const input of inputs) {
      const t0 = process.hrtime.bigint();
      fn(input);
      samples.push(Number(process.hrtime.bigint() - t0) / 1000);
    }
  }
  const totalSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  samples.sort((a, b) => a - b);
  return { median: percentile(samples, 50), p99: percentile(samples, 99), perSecond: samples.length / totalSeconds };
}

interface ModelUnderTest {
  name: string;
  train(utterances: Utterance[]): (text: string) => Label;
}

const softmax: ModelUnderTest = {
  name: 'sparse softmax (intents/linear.ts)',
  train(utterances) {
    const model = LinearModel.train(
      utterances.map((u) => ({ features: analyse(normalise(u.text)).features, label: LABELS.indexOf(u.label) })),
      LABELS.length,
    );
    return (text) => {
      const p = model.probabilities(analyse(normalise(text)).features);
      return LABELS[p.indexOf(Math.max(...p))]!;
    };
  },
};

const naturalBayes: ModelUnderTest = {
  name: "natural's BayesClassifier",
  train(utterances) {
    const bayes = new BayesClassifier();
    for (const u of utterances) bayes.addDocument(analyse(normalise(u.text)).features, u.label);
    bayes.train();
    return (text) => bayes.classify(analyse(normalise(text)).features) as Label;
  },
};

export function benchClassifier(): string[] {
  const out: string[] = [];
  const playbook = loadPlaybook();
  const heldout: { text: string; label: Label }[] = readFileSync(HELDOUT, 'utf8').trim().split('\n').map((l) => JSON.parse(l));

  const cold = ObjectionClassifier.build(playbook);
  const warm = ObjectionClassifier.build(playbook);
  out.push(`classifier build (train + 5-fold calibration, ${playbook.utterances.length} utterances, ${cold.vocabularySize} features): ${cold.buildMs.toFixed(0)} ms cold, ${warm.buildMs.toFixed(0)} ms warm`);

  const quotes = [...heldout.map((h) => h.text), ...playbook.utterances.map((u) => u.text)];
  for (const q of quotes) warm.classify(q); // warm-up
  const latency = timeCalls(quotes, 5, (q) => warm.classify(q));
  out.push(`classify latency per quote (${quotes.length} distinct quotes × 5): median ${latency.median.toFixed(1)} µs, p99 ${latency.p99.toFixed(1)} µs; throughput ${Math.round(latency.perSecond)} quotes/s on one core`);
  (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();
  out.push(`memory with the classifier loaded: RSS ${(memory.rss / 1048576).toFixed(0)} MiB (of which jieba's dictionary ≈ 50 MiB), JS heap in use ${(memory.heapUsed / 1048576).toFixed(0)} MiB`);

  out.push('statistical model choice (same features, no keywords):');
  for (const model of [softmax, naturalBayes]) {
    const gold = playbook.utterances.map((u) => u.label);
    const predicted: Label[] = new Array(gold.length);
    const trainStart = performance.now();
    for (const fold of stratifiedFolds(gold, 5)) {
      const inFold = new Set(fold);
      const classify = model.train(playbook.utterances.filter((_, i) => !inFold.has(i)));
      for (const i of fold) predicted[i] = classify(playbook.utterances[i]!.text);
    }
    const cvSeconds = (performance.now() - trainStart) / 1000;
    const classify = model.train(playbook.utterances);
    const heldoutF1 = computeMetrics(heldout.map((h) => h.label), heldout.map((h) => classify(h.text))).macroF1;
    const speed = timeCalls(heldout.slice(0, 80), 1, (h) => classify(h.text));
    out.push(
      `  ${model.name.padEnd(34)} 5-fold CV macro-F1 ${computeMetrics(gold, predicted).macroF1.toFixed(3)}, held-out macro-F1 ${heldoutF1.toFixed(3)}, median ${speed.median.toFixed(0)} µs/quote, CV took ${cvSeconds.toFixed(1)} s`,
    );
  }
  return out;
}
