/**
 * Channel throughput: real Telegram updates / Teams activities over HTTP into the project's
 * server → adapter → engine → SQLite store → replies out to a local upstream (Bot API or Bot
 * Connector). The server runs on this thread (one core); the upstream and the load generator
 * run in a worker thread (load-worker.mjs), so they do not steal that core. Reports requests/s
 * and the latency of each (p50, p99).
 */
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { loadAuthConfigFromEnv } from '@microsoft/agents-hosting';
import { pino } from 'pino';
import { loadPlaybook } from '../data/playbook.ts';
import { createEngine } from '../dialogs/engine.ts';
import { CoachService } from '../bot/service/coach-service.ts';
import { createHttpApp, listen, type HttpOptions } from '../bot/http-server.ts';
import { createTeamsHandler } from '../bot/teams/adapter.ts';
import { teamsGuards } from '../bot/teams/guard.ts';
import { createTelegramBot } from '../bot/telegram/adapter.ts';
import { Store } from '../store/store.ts';
import { loadClassifier } from '../intents/model-cache.ts';

const SECRET = 'bench-secret';
const QUOTES = ['等着看吧，下次再说', 'let me compare other quotes', 'he never talks price', '客户说要跟老婆商量', "I can't get a meeting with the boss", '好的，合同发我', '太贵了', 'we will think about it'];
const TOTAL = 4000;
const CONCURRENCY = 32;

async function measure(kind: 'telegram' | 'teams'): Promise<{ perSecond: number; p50: number; p99: number }> {
  const worker = new Worker(new URL('./load-worker.mjs', import.meta.url), { execArgv: [], workerData: { kind } });
  const { upstreamUrl } = await new Promise<{ upstreamUrl: string }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const store = await Store.openSqlite(join(mkdtempSync(join(tmpdir(), `bench-${kind}-`)), 'bench.db'));
  const playbook = loadPlaybook();
  const logger = pino({ level: 'silent' });
  const service = new CoachService({ engine: createEngine(playbook, loadClassifier(playbook)), store, logger, managerIds: new Set(), redaction: true });
  const http: HttpOptions = { store, logger };
  let path: string;
  let headers: Record<string, string> = {};
  if (kind === 'telegram') {
    // Webhook mode: each update's last reply rides on the webhook's response (the worker does not forward it).
    const bot = createTelegramBot({ token: '1:bench', apiRoot: upstreamUrl, service, logger, webhook: true });
    await bot.init();
    http.telegram = { bot, secret: SECRET };
    path = '/telegram/webhook';
    headers = { 'x-telegram-bot-api-secret-token': SECRET };
  } else {
    const authConfig = loadAuthConfigFromEnv(); // no credentials: anonymous, as in TEAMS_DEV=1
    http.teams = { guards: teamsGuards(authConfig, logger), handler: createTeamsHandler({ authConfig, service, logger }) };
    path = '/api/messages';
  }
  const server = await listen(createHttpApp(http), 0, '127.0.0.1');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;

  const results = new Promise<{ seconds: number; latencies: number[] }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  worker.postMessage({ url, headers, total: TOTAL, concurrency: CONCURRENCY, quotes: QUOTES, firstId: 1_000_000 });
  const { seconds, latencies } = await results;
  await worker.terminate();
  await new Promise((resolve) => server.close(resolve));
  await store.close();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { perSecond: TOTAL / seconds, p50: at(0.5), p99: at(0.99) };
}

function report(what: string, unit: string, figures: { perSecond: number; p50: number; p99: number }): string[] {
  return [
    `${what}, ${TOTAL} from 400 users, ${CONCURRENCY} in flight: ${Math.round(figures.perSecond)} ${unit}/s`,
    `latency per ${unit.replace(/s$/, '')} (HTTP in → reply sent → HTTP answered): p50 ${figures.p50.toFixed(1)} ms, p99 ${figures.p99.toFixed(1)} ms`,
  ];
}

export async function benchTelegram(): Promise<string[]> {
  return report('Telegram webhook mode', 'updates', await measure('telegram'));
}

export async function benchTeams(): Promise<string[]> {
  return report('Teams /api/messages', 'turns', await measure('teams'));
}
