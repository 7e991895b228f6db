/**
 * Learning from the team, for `npm run bench` (printed, never asserted): the live path of
 * bot/learning.ts on a SQLite store. Managers' accepted corrections land in the database; the
 * learner notices, retrains in a worker thread (cold snapshot cache) and swaps the model in,
 * while reps' turns go through the conversation service — their latency idle and during the
 * retrain, and the longest event-loop stall. Then a second instance picks the same corrections up
 * from the snapshot cache, and the same retrain on the request thread shows what replies would
 * wait without the worker.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pino } from 'pino';
import { Learner } from '../bot/learning.ts';
import { CoachService } from '../bot/service/coach-service.ts';
import { LABELS, loadPlaybook } from '../data/playbook.ts';
import { createEngine } from '../dialogs/engine.ts';
import { ObjectionClassifier } from '../intents/classifier.ts';
import { Store } from '../store/store.ts';

const CORRECTIONS = 20;
const IDLE_TURNS = 400;

function stats(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
  return `${sorted.length} turns, median ${at(50).toFixed(2)} ms, p99 ${at(99).toFixed(2)} ms, max ${sorted.at(-1)!.toFixed(2)} ms`;
}

export async function benchLearning(): Promise<string[]> {
  const out: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'bench-learning-'));
  process.env.CLASSIFIER_CACHE_DIR = join(dir, 'cache'); // a cold cache: the first retrain trains (the worker inherits it)
  const playbook = loadPlaybook();
  const initial = ObjectionClassifier.build(playbook);
  const store = await Store.openSqlite(join(dir, 'db.sqlite'));
  const logger = pino({ level: 'silent' });
  const learner = new Learner({ store, playbook, initial, logger, pollMs: 0 });
  const service = new CoachService({ engine: createEngine(playbook, learner.classifier), store, logger, managerIds: new Set(), redaction: true });
  const quotes = playbook.utterances.filter((_, i) => i % 7 === 0).map((u) => u.text);
  let n = 0;
  const turn = async (): Promise<number> => {
    // Between two turns the event loop runs, as it does between two requests (the worker's
    // answer is an event: a loop of turns that never yields would never hear it).
    await new Promise((resolve) => setImmediate(resolve));
    const user = String(n % 25);
    const t0 = performance.now();
    await service.handle({ channel: 'telegram', chatId: user, chatType: 'private', userId: user, userName: 'Bench', input: { type: 'text', text: quotes[n++ % quotes.length]! } });
    return performance.now() - t0;
  };
  for (let i = 0; i < 100; i++) await turn(); // warm-up

  const idle: number[] = [];
  const idleLoop = monitorEventLoopDelay({ resolution: 5 });
  idleLoop.enable();
  for (let i = 0; i < IDLE_TURNS; i++) idle.push(await turn());
  idleLoop.disable();

  for (let i = 0; i < CORRECTIONS; i++) {
    const u = playbook.utterances[(i * 97) % playbook.utterances.length]!;
    const label = LABELS[(LABELS.indexOf(u.label) + 1) % LABELS.length]!;
    await store.corrections.record({ dialog: `bench-${i}`, text: `${u.text} (team note ${i})`, label, was: u.label, acceptedBy: 'bench', acceptedAt: Date.now() + i });
  }
  const busy: number[] = [];
  const busyLoop = monitorEventLoopDelay({ resolution: 5 });
  busyLoop.enable();
  const before = learner.classifier.version;
  let done = false;
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const learnt = learner.check().then(() => (done = true));
  while (!done) {
    busy.push(await turn());
    if (busy.length % 50 === 0) rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  }
  await learnt;
  busyLoop.disable();
  const retrain = learner.last;
  out.push(`corrections: ${CORRECTIONS} accepted → version ${before} → ${learner.classifier.version}`);
  out.push(`retrain in a worker thread (cold cache; poll → read → train → swap): ${retrain?.ms ?? '?'} ms, of which ${retrain?.swapMs ?? '?'} ms on the reply thread (snapshot → model, swap)`);
  out.push(`RSS before the retrain ${(rssBefore / 1048576).toFixed(0)} MiB, peak while the worker trains ${(rssPeak / 1048576).toFixed(0)} MiB`);
  out.push(`rep turns through the service (SQLite), idle:           ${stats(idle)}; event loop max ${(idleLoop.max / 1e6).toFixed(1)} ms`);
  out.push(`rep turns through the service (SQLite), while retraining: ${stats(busy)}; event loop max ${(busyLoop.max / 1e6).toFixed(1)} ms (includes the swap)`);

  const second = new Learner({ store, playbook, initial, logger, pollMs: 0 });
  await second.check();
  out.push(`a second instance, same corrections, snapshot cache shared: ${second.last?.ms ?? '?'} ms to learn them (same version: ${second.classifier.version === learner.classifier.version})`);

  const extra = (await store.corrections.all()).map((c) => ({ text: c.text, label: c.label as (typeof LABELS)[number] }));
  const inline = ObjectionClassifier.build(playbook, { extra });
  out.push(`the same retrain on the request thread: ${inline.buildMs.toFixed(0)} ms — every reply would wait that long`);
  await Promise.all([learner.close(), second.close()]);
  await store.close();
  return out;
}
