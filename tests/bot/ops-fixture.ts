/**
 * What the operations tests share: the bot as a real process (`node bot/main.ts` or `npm start`)
 * with Teams in dev mode, a local Bot Connector that records replies and can hold them (so a
 * turn stays in flight), and Teams message activities.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers.ts';

export interface Spawned {
  child: ChildProcess;
  port: number;
  dataDir: string;
  base: string;
  output: () => string;
  exited: Promise<number | null>;
}

const CLEARED = ['TELEGRAM_BOT_TOKEN', 'TELEGRAM_WEBHOOK_URL', 'TELEGRAM_WEBHOOK_SECRET', 'DATABASE_URL', 'MANAGER_IDS', 'TEAM_CHAT_ID', 'TEAMS_DEV', 'clientId', 'clientSecret', 'tenantId', 'DASHBOARD_TOKEN'];

/** The environment of a spawned bot: the caller's variables, none of the channel ones it did not give. */
export function botEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = { ...process.env };
  for (const name of CLEARED) delete clean[name];
  return { ...clean, LOG_LEVEL: 'info', ...env };
}

/** Spawns the bot with Teams in dev mode on a random port; `npm` runs it through `npm start`. */
export function spawnBot(options: { npm?: boolean; env?: Record<string, string> } = {}): Spawned {
  const port = 30000 + Math.floor(Math.random() * 20000);
  const dataDir = mkdtempSync(join(tmpdir(), 'coach-ops-'));
  const env = botEnv({ TEAMS_DEV: '1', PORT: String(port), DATA_DIR: dataDir, ...options.env });
  const child = options.npm
    ? spawn('npm', ['start', '--silent'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(process.execPath, ['bot/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c) => (output += c));
  child.stderr!.on('data', (c) => (output += c));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, port, dataDir, base: `http://127.0.0.1:${port}`, output: () => output, exited };
}

/** Resolves once `test` holds, polling; fails with `what` (and the bot's output) after `ms`. */
export async function until(test: () => boolean | Promise<boolean>, what: string, bot?: Spawned, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen${bot ? `:\n${bot.output()}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const listening = (bot: Spawned) => until(() => /"msg":"listening"/.test(bot.output()) || bot.child.exitCode !== null, 'listening', bot);

/** A Bot Connector on loopback: records each reply activity; `hold()` keeps answers back until `release()`. */
export async function startConnector() {
  const posted: { text?: string; attachments?: { content?: { actions?: { title: string; data: unknown }[] } }[] }[] = [];
  let held: ServerResponse[] | undefined;
  const answer = (res: ServerResponse) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ id: `reply-${posted.length}` }));
  };
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      posted.push(JSON.parse(body || '{}'));
      if (held) held.push(res);
      else answer(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    posted,
    hold: () => void (held = []),
    release: () => {
      const waiting = held ?? [];
      held = undefined;
      waiting.forEach(answer);
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

let nextId = 1;

/** A Teams 1:1 message activity (text, or a card submit's value). */
export function activity(serviceUrl: string, user: string, content: { text?: string; value?: unknown }) {
  return {
    type: 'message',
    id: `ops-${process.pid}-${nextId++}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: user, name: user },
    recipient: { id: '28:objection-coach-bot', name: 'Objection Coach' },
    conversation: { id: `a:1on1-${user}`, conversationType: 'personal', tenantId: 'ops-tenant' },
    locale: 'en-US',
    ...(content.text !== undefined ? { text: content.text, textFormat: 'plain' } : {}),
    ...(content.value !== undefined ? { value: content.value } : {}),
  };
}

/** Posts an activity to the bot's /api/messages. */
export function post(bot: Spawned, body: unknown): Promise<Response> {
  return fetch(`${bot.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}
