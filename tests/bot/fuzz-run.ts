/**
 * Runs seeded hostile bodies (hostile.ts) against the real server process — `node bot/main.ts`,
 * Telegram in webhook mode or Teams in dev mode — with a local upstream standing in for the Bot
 * API / Bot Connector (which refuses some chats, as Telegram does with "chat not found"), and
 * reports: statuses (5xx target 0), the longest event-loop stall inside the server (its
 * LOG_EVENT_LOOP_DELAY report at shutdown), the slowest /healthz probe during the run, RSS
 * before and after, and the server's whole log output (for the log-hygiene checks).
 * Shared by tests/bot/fuzz.test.ts (small, asserted) and bench/fuzz.ts (≥ 10,000, printed).
 */
import { Agent, createServer, request, type Server } from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, waitListening } from '../helpers.ts';
import { hostileTeamsBodies, hostileTelegramBodies, type HostileBody } from './hostile.ts';

/** A realistic-looking token and secret, so a leak would be visible in the logs. */
export const FUZZ_TOKEN = '987654321:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0';
export const FUZZ_SECRET = 'fuzz-webhook-secret_0123456789';

export interface FuzzReport {
  channel: 'telegram' | 'teams';
  sent: number;
  byStatus: Record<string, number>;
  /** The bodies answered with a 5xx or not answered at all. */
  failures: { index: number; label: string; status: string }[];
  seconds: number;
  eventLoopMaxMs?: number;
  healthzMaxMs: number;
  rssBeforeMb: number;
  rssAfterMb: number;
  output: string;
}

/** A Bot API / Bot Connector that answers at once; chats whose id ends in 7 are "not found". */
async function startUpstream(channel: 'telegram' | 'teams'): Promise<{ url: string; server: Server }> {
  let messageId = 1;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (channel === 'teams') return res.end(JSON.stringify({ id: `reply-${messageId++}` }));
      const method = (req.url ?? '').split('/').pop();
      // JSON for most methods, multipart for sendDocument.
      const chatId = /"chat_id":(-?\d+)|name="chat_id"\r\n\r\n(-?\d+)/.exec(body)?.slice(1).find(Boolean) ?? '';
      if (chatId.endsWith('7')) {
        res.statusCode = 400;
        return res.end(JSON.stringify({ ok: false, error_code: 400, description: 'Bad Request: chat not found' }));
      }
      const result =
        method === 'getMe'
          ? { id: 1, is_bot: true, first_name: 'Fuzz', username: 'objection_bot', can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false }
          : method === 'sendMessage' || method === 'sendDocument'
            ? { message_id: messageId++, date: 0, chat: { id: Number(chatId) || 1, type: 'private' }, text: '' }
            : true;
      res.end(JSON.stringify({ ok: true, result }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function rssMb(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** POSTs one body; resolves with the status, or 'error'/'timeout' when none came. */
function post(agent: Agent, url: string, item: HostileBody, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', agent, timeout: 60_000, headers: { 'content-type': item.contentType, 'content-length': item.body.length, ...headers, ...item.headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve(String(res.statusCode)));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err) => resolve(err.message === 'timeout' ? 'timeout' : 'error'));
    req.end(item.body);
  });
}

export async function fuzzChannel(channel: 'telegram' | 'teams', options: { seed: number; count: number; concurrency?: number; env?: Record<string, string> }): Promise<FuzzReport> {
  const upstream = await startUpstream(channel);
  const port = 30000 + Math.floor(Math.random() * 20000);
  const base = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = { PORT: String(port), DATA_DIR: mkdtempSync(join(tmpdir(), `fuzz-${channel}-`)), LOG_EVENT_LOOP_DELAY: '1', MANAGER_IDS: 'telegram:7001,msteams:29:fuzz-1', ...options.env };
  if (channel === 'telegram') Object.assign(env, { TELEGRAM_BOT_TOKEN: FUZZ_TOKEN, TELEGRAM_API_ROOT: upstream.url, TELEGRAM_WEBHOOK_URL: `${base}/telegram/webhook`, TELEGRAM_WEBHOOK_SECRET: FUZZ_SECRET });
  else Object.assign(env, { TEAMS_DEV: '1' });
  const bodies = channel === 'telegram' ? hostileTelegramBodies(options.seed, options.count) : hostileTeamsBodies(options.seed, options.count, `${upstream.url}/`);
  const url = channel === 'telegram' ? `${base}/telegram/webhook` : `${base}/api/messages`;
  const headers: Record<string, string> = channel === 'telegram' ? { 'x-telegram-bot-api-secret-token': FUZZ_SECRET } : {};

  const server = startServer(env);
  try {
    await waitListening(server);
    const rssBeforeMb = rssMb(server.child.pid);
    const agent = new Agent({ keepAlive: true, maxSockets: 64 });
    let running = true;
    let healthzMaxMs = 0;
    const probe = (async () => {
      while (running) {
        const t0 = performance.now();
        await fetch(`${base}/healthz`).then((r) => r.arrayBuffer()).catch(() => undefined);
        healthzMaxMs = Math.max(healthzMaxMs, performance.now() - t0);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const byStatus: Record<string, number> = {};
    const failures: FuzzReport['failures'] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: options.concurrency ?? 16 }, async () => {
        while (next < bodies.length) {
          const index = next++;
          const status = await post(agent, url, bodies[index]!, headers);
          byStatus[status] = (byStatus[status] ?? 0) + 1;
          if (!/^[234]/.test(status)) failures.push({ index, label: bodies[index]!.label, status });
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    running = false;
    await probe;
    agent.destroy();
    const rssAfterMb = rssMb(server.child.pid);
    await server.stop();
    const output = server.output();
    const loop = /"eventLoopMaxMs":([\d.]+)/.exec(output);
    return { channel, sent: bodies.length, byStatus, failures, seconds, eventLoopMaxMs: loop ? Number(loop[1]) : undefined, healthzMaxMs, rssBeforeMb, rssAfterMb, output };
  } finally {
    await server.stop();
    await new Promise((resolve) => upstream.server.close(resolve));
  }
}

/** The log lines of `output` that contain any of `needles` (secrets, personal data). */
export function leaks(output: string, needles: string[]): string[] {
  return output.split('\n').filter((line) => needles.some((needle) => needle && line.includes(needle)));
}
