/**
 * Kill under load: the real server (`node bot/main.ts`, Telegram webhook mode) against the fake
 * Bot API, fed private messages over HTTP as Telegram would — then SIGKILLed mid-load,
 * restarted on the same database, and every update that never got its 200 delivered again
 * (as Telegram does) until each one has. Afterwards, per update (one chat each, so every bot
 * message is attributable):
 *
 * - acknowledged but lost: the server said 200, yet the message is not in the audit log or the
 *   chat never got an answer;
 * - never answered: the chat got no bot message at all;
 * - duplicated: bot messages beyond the one the message calls for.
 *
 * Printed, not asserted (targets 0, 0, 0).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../store/store.ts';
import { runWebhookReply, startFakeTelegram, TOKEN, type FakeTelegram } from '../tests/bot/telegram/fake-telegram.ts';
import { startServer, waitListening } from '../tests/helpers.ts';

const SECRET = 'kill-bench-secret';
const QUOTES = ['等着看吧，下次再说', 'let me compare other quotes', 'he never talks price', '客户说要跟老婆商量', "I can't get a meeting with the boss", '太贵了', 'we will think about it', '老板见不到'];

export interface KillFigures {
  updates: number;
  ackedBeforeKill: number;
  unackedAtKill: number;
  redeliveryRounds: number;
  /** Redeliveries whose turn had committed before the kill: not run (nor answered) again. */
  committedBeforeKill: number;
  /** Of those, how many had replies not yet sent (killed between the commit and the send): sent on redelivery. */
  resent: number;
  lost: number;
  neverAnswered: number;
  duplicated: number;
}

interface Target {
  /** DATABASE_URL for the server (absent: SQLite under DATA_DIR). */
  databaseUrl?: string;
  /** Opens the same database to read the audit log afterwards. */
  open(dataDir: string): Promise<Store>;
}

function update(id: number) {
  const chat = 800_000 + id;
  return {
    update_id: id,
    message: { message_id: id, date: Math.floor(Date.now() / 1000), chat: { id: chat, type: 'private', first_name: 'Load' }, from: { id: chat, is_bot: false, first_name: 'Load', language_code: 'en' }, text: QUOTES[id % QUOTES.length] },
  };
}

/** POSTs one update; true when the server acknowledged it (200) — then, as Telegram, runs the call its response carries. */
async function deliver(url: string, id: number, apiRoot: string): Promise<boolean> {
  try {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body: JSON.stringify(update(id)) });
    const body = await response.text();
    if (response.status !== 200) return false;
    await runWebhookReply(apiRoot, body);
    return true;
  } catch {
    return false; // connection refused or reset: the server is gone
  }
}

/** Delivers `ids` with `concurrency` in flight; calls `onAck` after each acknowledgement. */
async function load(url: string, apiRoot: string, ids: number[], concurrency: number, acked: Set<number>, onAck: () => void = () => {}): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < ids.length) {
        const id = ids[next++]!;
        if (await deliver(url, id, apiRoot)) {
          acked.add(id);
          onAck();
        }
      }
    }),
  );
}

/** Waits until the fake Bot API has received no message for `quietMs`. */
async function settle(fake: FakeTelegram, quietMs = 1000): Promise<void> {
  let count = -1;
  while (fake.server.storage.botMessages.length !== count) {
    count = fake.server.storage.botMessages.length;
    await new Promise((resolve) => setTimeout(resolve, quietMs));
  }
}

export async function killUnderLoad(target: Target, options: { updates?: number; concurrency?: number; killAfter?: number } = {}): Promise<KillFigures> {
  const total = options.updates ?? 400;
  const concurrency = options.concurrency ?? 16;
  const killAfter = options.killAfter ?? Math.floor(total / 3);
  const fake = await startFakeTelegram();
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-kill-'));
  const port = 30000 + Math.floor(Math.random() * 20000);
  const url = `http://127.0.0.1:${port}/telegram/webhook`;
  const env = { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot, DATA_DIR: dataDir, PORT: String(port), TELEGRAM_WEBHOOK_URL: url, TELEGRAM_WEBHOOK_SECRET: SECRET, LOG_LEVEL: 'info', ...(target.databaseUrl ? { DATABASE_URL: target.databaseUrl } : {}) };
  const ids = Array.from({ length: total }, (_, i) => i + 1);
  const acked = new Set<number>();
  let output = '';
  try {
    // Run 1: load, and SIGKILL once `killAfter` updates are acknowledged (others are in flight).
    const first = startServer(env);
    await waitListening(first);
    let killed = false;
    await load(url, fake.apiRoot, ids, concurrency, acked, () => {
      if (!killed && acked.size >= killAfter) {
        killed = true;
        first.child.kill('SIGKILL');
      }
    });
    await new Promise((resolve) => (first.child.exitCode !== null || first.child.signalCode !== null ? resolve(null) : first.child.once('exit', resolve)));
    const ackedBeforeKill = acked.size;

    // Run 2: the same database; every unacknowledged update delivered again until acknowledged.
    const second = startServer(env);
    await waitListening(second);
    let rounds = 0;
    while (acked.size < total && rounds < 5) {
      rounds++;
      await load(url, fake.apiRoot, ids.filter((id) => !acked.has(id)), concurrency, acked);
    }
    await settle(fake);
    output = second.output();
    await second.stop();

    const store = await target.open(dataDir);
    const recorded = new Set((await store.audit.since(0)).filter((r) => r.kind === 'message').map((r) => Number(r.chat_id) - 800_000));
    await store.close();
    const sent = new Map<number, number>();
    for (const m of fake.server.storage.botMessages) {
      const id = Number(m.message.chat_id) - 800_000;
      sent.set(id, (sent.get(id) ?? 0) + 1);
    }
    const duplicates = output.split('\n').filter((line) => line.includes('"msg":"duplicate delivery"'));
    const committedBeforeKill = duplicates.length;
    const resent = duplicates.filter((line) => !line.includes('"unsent":0')).length;
    return {
      updates: total,
      ackedBeforeKill,
      unackedAtKill: total - ackedBeforeKill,
      redeliveryRounds: rounds,
      committedBeforeKill,
      resent,
      lost: ids.filter((id) => acked.has(id) && (!recorded.has(id) || !sent.get(id))).length,
      neverAnswered: ids.filter((id) => !sent.get(id)).length,
      duplicated: ids.reduce((n, id) => n + Math.max(0, (sent.get(id) ?? 0) - 1), 0),
    };
  } finally {
    await fake.stop();
  }
}

/** The figures as one printed line. */
export function killLine(figures: KillFigures): string {
  return (
    `kill -9 under load (${figures.updates} updates, killed after ${figures.ackedBeforeKill} acknowledged; ${figures.unackedAtKill} redelivered in ${figures.redeliveryRounds} round(s), ` +
    `${figures.committedBeforeKill} of them committed before the kill and not run again, ${figures.resent} of these answered from the outbox): ` +
    `acknowledged-but-lost ${figures.lost}, never answered ${figures.neverAnswered}, duplicated ${figures.duplicated} (target 0, 0, 0)`
  );
}
