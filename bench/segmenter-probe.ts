/**
 * One measurement of a Chinese segmenter, in a process of its own (so RSS is the segmenter's
 * and not the other one's): run with OBJECTION_COACH_ZH_SEGMENTER=jieba|intl; prints one JSON
 * object — build time, RSS and heap after the build, macro-F1 on each held-out set.
 * Also the segmenter's own load time and RSS (its first cut, before anything else is built).
 * Called by bench/classifier.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadPlaybook } from '../data/playbook.ts';
import { ObjectionClassifier } from '../intents/classifier.ts';
import { evaluate, type LabelledLine } from '../intents/evaluate.ts';
import { chineseWords, segmenterName } from '../intents/segment.ts';

const sets = ['heldout.jsonl', 'realistic.jsonl'];
const before = process.memoryUsage().rss;
// The segmenter alone: loaded on its first cut (jieba: its dictionary; intl: ICU's word break data).
const loadStarted = performance.now();
chineseWords('客户说要跟老婆商量一下再决定');
const loadMs = performance.now() - loadStarted;
(globalThis as { gc?: () => void }).gc?.();
const segmenterRss = process.memoryUsage().rss - before;
const playbook = loadPlaybook();
const classifier = ObjectionClassifier.build(playbook);
(globalThis as { gc?: () => void }).gc?.();
const memory = process.memoryUsage();
const f1: Record<string, { all: number; zh: number; en: number }> = {};
for (const name of sets) {
  const file = fileURLToPath(new URL(`../tests/heldout/${name}`, import.meta.url));
  if (!existsSync(file)) continue;
  const lines: LabelledLine[] = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const report = evaluate(lines, (text) => classifier.classify(text));
  f1[name] = { all: report.overall.macroF1, zh: report.byLanguage.zh?.macroF1 ?? 0, en: report.byLanguage.en?.macroF1 ?? 0 };
}
process.stdout.write(
  `${JSON.stringify({ segmenter: segmenterName(), loadMs, segmenterMiB: segmenterRss / 1048576, buildMs: classifier.buildMs, rssMiB: memory.rss / 1048576, rssGrowthMiB: (memory.rss - before) / 1048576, heapMiB: memory.heapUsed / 1048576, f1 })}\n`,
);
