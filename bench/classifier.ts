/**
 * Classifier figures for `npm run bench` (printed, never asserted):
 * - on each held-out set: the project against natural's BayesClassifier and a plain
 *   multinomial naive Bayes over the project's own features (bench/baselines.ts), macro-F1
 *   overall and per language, and the project's confidence-policy rates;
 * - how often a label flips when the line is wrapped in a rep's narrative or gets a typo;
 * - classify latency per quote (median, p99) and throughput;
 * - retrain time with the team's corrections, and reply latency while a retrain runs in a
 *   worker thread (a retrain on the request thread would block replies for the whole build);
 * - the two Chinese segmenters (jieba, Intl.Segmenter) side by side, each in its own process.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { loadPlaybook, type Label } from '../data/playbook.ts';
import { ObjectionClassifier } from '../intents/classifier.ts';
import { evaluate, formatPolicy, type LabelledLine } from '../intents/evaluate.ts';
import { computeMetrics } from '../intents/metrics.ts';
import { detectLanguage } from '../intents/normalise.ts';
import { naturalBayes, plainNaiveBayes } from './baselines.ts';
import { robustness } from './robustness.ts';

const SETS = ['heldout.jsonl', 'realistic.jsonl', 'blind.jsonl'];
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

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

function f1Line(lines: LabelledLine[], predicted: Label[]): string {
  const pick = (lang: 'zh' | 'en') => lines.map((l, i) => ((l.lang ?? detectLanguage(l.text)) === lang ? i : -1)).filter((i) => i >= 0);
  const f1 = (idx: number[]) => computeMetrics(idx.map((i) => lines[i]!.label), idx.map((i) => predicted[i]!)).macroF1.toFixed(3);
  const all = lines.map((_, i) => i);
  return `macro-F1 ${f1(all)} (zh ${f1(pick('zh'))}, en ${f1(pick('en'))})`;
}

function readSet(name: string): LabelledLine[] | undefined {
  const file = here(`../tests/heldout/${name}`);
  if (!existsSync(file)) return undefined;
  return readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
}

/** Reply latency (classify calls) on this thread while a worker retrains with `extra` lines. */
async function latencyDuringRetrain(classifier: ObjectionClassifier, quotes: string[], extra: { text: string; label: Label }[]): Promise<{ median: number; p99: number; calls: number; retrainMs: number }> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    (async () => {
      const { loadPlaybook } = await import(workerData.playbook);
      const { ObjectionClassifier } = await import(workerData.classifier);
      const built = ObjectionClassifier.build(loadPlaybook(), { extra: workerData.extra });
      parentPort.postMessage({ ms: built.buildMs });
    })();`;
  const worker = new Worker(code, {
    eval: true,
    workerData: { playbook: new URL('../data/playbook.ts', import.meta.url).href, classifier: new URL('../intents/classifier.ts', import.meta.url).href, extra },
  });
  let retrainMs = -1;
  worker.once('message', (m: { ms: number }) => (retrainMs = m.ms));
  const samples: number[] = [];
  let i = 0;
  while (retrainMs < 0) {
    for (let k = 0; k < 20; k++) {
      const t0 = process.hrtime.bigint();
      classifier.classify(quotes[i++ % quotes.length]!);
      samples.push(Number(process.hrtime.bigint() - t0) / 1000);
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  await worker.terminate();
  samples.sort((a, b) => a - b);
  return { median: percentile(samples, 50), p99: percentile(samples, 99), calls: samples.length, retrainMs };
}

function segmenterFigures(): string[] {
  const out = ['Chinese segmenter (each in its own process; F1 on old / realistic held-out sets):'];
  for (const name of ['jieba', 'intl']) {
    const run = spawnSync(process.execPath, [...process.execArgv, here('./segmenter-probe.ts')], { env: { ...process.env, OBJECTION_COACH_ZH_SEGMENTER: name }, encoding: 'utf8' });
    if (run.status !== 0) {
      out.push(`  ${name}: failed (${run.stderr.trim().split('\n')[0]})`);
      continue;
    }
    const r = JSON.parse(run.stdout.trim().split('\n').pop()!);
    const f1 = Object.entries(r.f1 as Record<string, { all: number; zh: number; en: number }>)
      .map(([set, v]) => `${set} ${v.all.toFixed(3)} (zh ${v.zh.toFixed(3)})`)
      .join(', ');
    out.push(`  ${name.padEnd(6)} load ${r.loadMs.toFixed(0)} ms (+${r.segmenterMiB.toFixed(0)} MiB RSS), build ${r.buildMs.toFixed(0)} ms, RSS ${r.rssMiB.toFixed(0)} MiB (+${r.rssGrowthMiB.toFixed(0)} MiB for segmenter + model), heap ${r.heapMiB.toFixed(0)} MiB; ${f1}`);
  }
  return out;
}

export async function benchClassifier(): Promise<string[]> {
  const out: string[] = [];
  const playbook = loadPlaybook();
  const classifier = ObjectionClassifier.build(playbook);
  out.push(
    `classifier ${classifier.version}: ${playbook.utterances.length} utterances, ${classifier.vocabularySize} features, built in ${classifier.buildMs.toFixed(0)} ms; ` +
      `β ${classifier.calibration.beta}, λ ${classifier.calibration.narrative}, T ${classifier.calibration.temperature}; policy ${JSON.stringify(classifier.policy)}`,
  );

  const baselines = [naturalBayes, plainNaiveBayes].map((b) => {
    const started = performance.now();
    const classify = b.train(playbook.utterances);
    return { name: b.name, classify, trainMs: performance.now() - started };
  });
  const quotes: string[] = [];
  for (const name of SETS) {
    const lines = readSet(name);
    if (!lines) {
      out.push(`${name}: not in the repository`);
      continue;
    }
    quotes.push(...lines.map((l) => l.text));
    const report = evaluate(lines, (text) => classifier.classify(text));
    out.push(`held-out ${name} (${lines.length} lines):`);
    out.push(`  ${'the project'.padEnd(40)} ${f1Line(lines, lines.map((l) => classifier.classify(l.text).label))}, none precision ${report.overall.perClass.none.precision.toFixed(3)}`);
    for (const b of baselines) {
      const speed = timeCalls(lines.slice(0, 100), 1, (l) => b.classify(l.text));
      out.push(`  ${b.name.padEnd(40)} ${f1Line(lines, lines.map((l) => b.classify(l.text)))}; trained in ${b.trainMs.toFixed(0)} ms, median ${speed.median.toFixed(0)} µs/quote`);
    }
    out.push(`  ${robustness(lines, (text) => classifier.classify(text).label)}`);
    out.push(`  ${formatPolicy('policy', report.policy)}`);
    for (const [lang, rates] of Object.entries(report.policyByLanguage)) out.push(`  ${formatPolicy(`policy [${lang}]`, rates)}`);
  }

  quotes.push(...playbook.utterances.map((u) => u.text));
  for (const q of quotes) classifier.classify(q); // warm-up
  const latency = timeCalls(quotes, 3, (q) => classifier.classify(q));
  out.push(`classify latency per quote (${quotes.length} quotes × 3): median ${latency.median.toFixed(1)} µs, p99 ${latency.p99.toFixed(1)} µs; ${Math.round(latency.perSecond)} quotes/s on one core`);

  const corrections = playbook.utterances.slice(0, 50).map((u) => ({ text: `${u.text} (team note)`, label: u.label }));
  const retrained = ObjectionClassifier.build(playbook, { extra: corrections });
  out.push(`retrain with ${corrections.length} corrections on the request thread: ${retrained.buildMs.toFixed(0)} ms (replies would wait that long); version ${classifier.version} → ${retrained.version}`);
  const during = await latencyDuringRetrain(classifier, quotes, corrections);
  out.push(
    `retrain in a worker thread: ${during.retrainMs.toFixed(0)} ms; meanwhile ${during.calls} replies classified at median ${during.median.toFixed(1)} µs, p99 ${during.p99.toFixed(1)} µs (idle: ${latency.median.toFixed(1)} / ${latency.p99.toFixed(1)} µs)`,
  );
  (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();
  out.push(`memory with the classifier loaded: RSS ${(memory.rss / 1048576).toFixed(0)} MiB, JS heap in use ${(memory.heapUsed / 1048576).toFixed(0)} MiB`);
  out.push(...segmenterFigures());
  return out;
}
