/**
 * Where the start-up time and memory go, phase by phase, in one fresh process (spawned by
 * bench/startup.ts): each line is `phase  ms  RSS MB`. Imports are timed as the entry point
 * meets them (a module already loaded by an earlier phase costs nothing later).
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const rows: [string, number, number][] = [['node itself, to the first line of the script', performance.now(), process.memoryUsage().rss]];
async function phase<T>(name: string, work: () => T | Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  rows.push([name, performance.now() - started, process.memoryUsage().rss]);
  return result;
}

const { loadComplianceRulesCached, loadIndustryPacksCached, loadPlaybookCached } = await phase('import the playbook loaders (zod; yaml only on a snapshot miss)', () => import('../data/load-cache.ts'));
await phase("import natural's parts (tokenizer, stemmer, stop words)", () =>
  Promise.all([
    import('natural/lib/natural/stemmers/porter_stemmer.js'),
    import('natural/lib/natural/tokenizers/aggressive_tokenizer.js'),
    import('natural/lib/natural/util/stopwords.js'),
  ]),
);
const { chineseWords } = await phase('import the tokeniser (intents/tokenise.ts)', () => import('../intents/tokenise.ts'));
const { DEFAULT_SEGMENTER } = await import('../intents/segment.ts');
await phase(`load the Chinese segmenter (${process.env.OBJECTION_COACH_ZH_SEGMENTER || DEFAULT_SEGMENTER})`, () => chineseWords('客户说要跟老婆商量'));
const { ObjectionClassifier } = await phase('import the classifier (opencc-js, chrono-node, the rest of intents/)', () => import('../intents/classifier.ts'));
const playbook = await phase('the playbook, packs and compliance rules, from their snapshots', () => {
  loadIndustryPacksCached();
  loadComplianceRulesCached();
  return loadPlaybookCached();
});
const { loadClassifier } = await import('../intents/model-cache.ts');
const { cacheDirs } = await import('../data/snapshot-cache.ts');
const cached = existsSync(join(cacheDirs()[0]!, `classifier-${ObjectionClassifier.versionFor(playbook).replace(/[^\w.@+-]/g, '_')}.json`));
const classifier = await phase(`the classifier from its snapshot cache, as start-up loads it (${cached ? 'cached' : 'not cached: trained and cached now'})`, () => loadClassifier(playbook));
await phase('first classification', () => classifier.classify('太贵了，下次再说'));
await phase('import the engine (dialogs/)', () => import('../dialogs/engine.ts'));
const { Store } = await phase('import the store (kysely, pg)', () => import('../store/store.ts'));
const store = await phase('open and migrate SQLite (node:sqlite)', () => Store.openSqlite(join(mkdtempSync(join(tmpdir(), 'phases-')), 'x.db')));
await phase('import express and grammY (bot/http-server.ts, bot/telegram/adapter.ts)', async () => {
  await import('../bot/http-server.ts');
  await import('../bot/telegram/adapter.ts');
});
await phase('import Teams (@microsoft/agents-hosting; only when Teams is configured)', () => import('../bot/teams/adapter.ts'));
await phase('import the dashboard (bot/dashboard/)', () => import('../bot/dashboard/routes.ts'));
await phase('import metrics (prom-client)', () => import('../bot/metrics.ts'));
await store.close();
for (const [name, ms, rss] of rows) console.log(`${name.padEnd(72)} ${ms.toFixed(0).padStart(6)} ms ${(rss / 1e6).toFixed(0).padStart(5)} MB`);
