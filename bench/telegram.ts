/**
 * Telegram webhook throughput: real update JSON over HTTP into the project's server → grammY →
 * engine → SQLite store → reply out to a local fake Bot API. The server runs on this thread (one
 * core); the fake Bot API and the load generator run in a worker thread (webhook-load.mjs), so
 * they do not steal that core. Reports updates/s and the latency of each update (p50, p99).
 */
import { Worker } from 'node:worker_threads';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadPlaybook } from '../data/playbook.ts';
import { createEngine } from '../dialogs/engine.ts';
import { ObjectionClassifier } from '../intents/classifier.ts';
import { CoachService } from '../bot/coach-service.ts';
import { createHttpApp, listen } from '../bot/http-server.ts';
import { createTelegramBot } from '../bot/telegram.ts';
import { Store } from '../store/store.ts';

const SECRET = 'bench-secret';
const QUOTES = ['等着看吧，下次再说', 'let me compare other quotes', 'he never talks price', '客户说要跟老婆商量', "I can't get a meeting with the boss", '好的，合同发我', '太贵了', 'we will think about it'];

export async function benchTelegram(): Promise<string[]> {
  const worker = new Worker(new URL('./webhook-load.mjs', import.meta.url), { execArgv: [] });
  const { apiPort } = await new Promise<{ apiPort: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const store = await Store.openSqlite(join(mkdtempSync(join(tmpdir(), 'bench-tg-')), 'bench.db'));
  const playbook = loadPlaybook();
  const logger = pino({ level: 'silent' });
  const service = new CoachService({ engine: createEngine(playbook, ObjectionClassifier.build(playbook)), store, logger, managerIds: new Set(), redaction: true });
  const bot = createTelegramBot({ token: '1:bench', apiRoot: `http://127.0.0.1:${apiPort}`, service, store, logger });
  await bot.init();
  const server = await listen(createHttpApp({ store, logger, telegram: { bot, secret: SECRET } }), 0, '127.0.0.1');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/telegram/webhook`;

  let updateId = 0;
  const send = async (chat: number) => {
    const id = ++updateId;
    const started = performance.now();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      body: JSON.stringify({ update_id: id, message: { message_id: id, date: 0, chat: { id: chat, type: 'private' }, from: { id: chat, is_bot: false, first_name: 'B' }, text: QUOTES[id % QUOTES.length] } }),
    });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
    return performance.now() - started;
  };

  for (let i = 0; i < 200; i++) await send(1 + (i % 50)); // warm-up
  const total = 4000;
  const concurrency = 32;
  const results = new Promise<{ seconds: number; latencies: number[] }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  worker.postMessage({ url, secret: SECRET, total, concurrency, quotes: QUOTES, firstUpdateId: 1_000_000 });
  const { seconds, latencies } = await results;
  await worker.terminate();
  latencies.sort((a, b) => a - b);
  const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  await new Promise((resolve) => server.close(resolve));
  await store.close();
  return [
    `webhook mode, ${total} updates from 400 chats, ${concurrency} in flight: ${Math.round(total / seconds)} updates/s`,
    `latency per update (HTTP in → reply sent → HTTP answered): p50 ${p(0.5).toFixed(1)} ms, p99 ${p(0.99).toFixed(1)} ms`,
  ];
}
