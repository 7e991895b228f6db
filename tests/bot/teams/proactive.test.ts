/**
 * Reminders on Teams, end to end over HTTP: the bot runs as a real process (`TEAMS_DEV=1 npm
 * start`); a rep's message leaves a conversation reference; a reminder due for that rep reaches
 * the Bot Connector fake as a proactive message (continueConversation: an Adaptive Card with
 * the reminder's button), not as the answer to any request; submitting the card's button
 * reaches the engine like any other. A rep who turned reminders off gets none; one who removed
 * the app is given up at once (the connector's 403), on record.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SQLITE_FILE } from '../../../store/open.ts';
import { Store, type NewReminder } from '../../../store/store.ts';
import { startServer, waitListening } from '../../helpers.ts';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const port = 30000 + Math.floor(Math.random() * 20000);
const endpoint = `http://127.0.0.1:${port}/api/messages`;
const dataDir = mkdtempSync(join(tmpdir(), 'coach-teams-reminders-'));
const file = join(dataDir, SQLITE_FILE);

interface Posted {
  path: string;
  type: string;
  text?: string;
  replyToId?: string;
  attachments?: { contentType: string; content: { body: { text: string }[]; actions: { title: string; data: { action: string } }[] } }[];
}
const posted: Posted[] = [];
let connector: Server;
let connectorUrl: string;
let bot: ReturnType<typeof startServer>;
let nextId = 1;

beforeAll(async () => {
  connector = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      posted.push({ path: req.url ?? '', ...JSON.parse(body || '{}') });
      res.setHeader('content-type', 'application/json');
      // A rep who removed the app: Teams refuses to post into that conversation.
      if (req.url?.includes('removed')) return void res.writeHead(403).end(JSON.stringify({ error: { code: 'BotDisabledByAdmin', message: 'The bot is not part of the conversation roster.' } }));
      res.end(JSON.stringify({ id: `sent-${posted.length}` }));
    });
  });
  await new Promise<void>((resolve) => connector.listen(0, '127.0.0.1', resolve));
  connectorUrl = `http://127.0.0.1:${(connector.address() as AddressInfo).port}/`;
  bot = startServer({ TEAMS_DEV: '1', PORT: String(port), DATA_DIR: dataDir, REMINDER_INTERVAL_MS: '200' });
  await waitListening(bot);
}, 60_000);

afterAll(async () => {
  await bot?.stop();
  await new Promise((resolve) => connector?.close(resolve));
});

const who = (user: string) => ({ user, conversation: `a:1on1-${user}` });

/** A 1:1 Teams message activity from `user` (text, or a card submit). */
function activity(user: string, content: { text?: string; value?: unknown }) {
  const { conversation } = who(user);
  return {
    type: 'message',
    id: `1800000000${nextId++}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: connectorUrl,
    from: { id: user, name: 'Li Wei', aadObjectId: `aad-${user}` },
    recipient: { id: '28:objection-coach-bot', name: 'Objection Coach' },
    conversation: { id: conversation, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    locale: 'zh-CN',
    ...(content.text !== undefined ? { text: content.text, textFormat: 'plain' } : {}),
    ...(content.value !== undefined ? { value: content.value } : {}),
  };
}

async function send(body: unknown): Promise<Posted[]> {
  const before = posted.length;
  const response = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status).toBe(200);
  return posted.slice(before);
}

/** Waits until the connector has received an activity matching `match` after index `from`. */
async function received(from: number, match: (p: Posted) => boolean, timeoutMs = 15_000): Promise<Posted> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = posted.slice(from).find(match);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`nothing matching arrived; got ${JSON.stringify(posted.slice(from))}\n${bot.output().slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const reminder = (id: string, user: string, text: string): NewReminder => ({
  id,
  channel: 'msteams',
  chatId: who(user).conversation,
  userId: user,
  dealId: `deal-${id}`,
  kind: 'outcome',
  lang: 'zh',
  timeZone: 'Asia/Shanghai',
  payload: { text, buttons: [{ label: '来一条技巧', action: 'tip' }] },
  dueAt: Date.now(),
});

async function schedule(r: NewReminder): Promise<void> {
  const store = await Store.openSqlite(file);
  await store.reminders.schedule([r], Date.now());
  await store.close();
}

/** Reads one row of the bot's database until `done` says so (or fails after a while). */
async function until(sql: string, done: (row: Record<string, unknown> | undefined) => boolean, timeoutMs = 15_000): Promise<Record<string, unknown> | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const db = new DatabaseSync(file, { readOnly: true });
    const row = db.prepare(sql).get() as Record<string, unknown> | undefined;
    db.close();
    if (done(row) || Date.now() > deadline) return row;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const cardText = (p: Posted) => p.attachments?.[0]?.content.body.map((b) => b.text).join('\n') ?? p.text ?? '';

describe('reminders on Teams', () => {
  it('reach the rep through the stored conversation reference as a proactive card, whose button reaches the engine', async () => {
    const user = '29:li-wei-reminders';
    await send(activity(user, { text: 'help' })); // the rep writes once: the reference is stored
    const db = new DatabaseSync(file, { readOnly: true });
    const refs = db.prepare('select chat_id, user_id, personal from conversation_refs').all();
    db.close();
    expect(refs).toEqual([{ chat_id: who(user).conversation, user_id: user, personal: 1 }]);

    const before = posted.length;
    await schedule(reminder('teams-outcome', user, '和王总的见面怎么样？\n记下结果，我好帮你安排下一步。'));
    const card = await received(before, (p) => cardText(p).includes('和王总的见面怎么样'));
    expect(card.path).toMatch(/^\/v3\/conversations\/a(%3A|:)1on1-29(%3A|:)li-wei-reminders\/activities/);
    expect(card.attachments![0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.attachments![0]!.content.actions).toEqual([{ type: 'Action.Submit', title: '来一条技巧', data: { action: 'tip' } }]);

    const replies = await send(activity(user, { value: card.attachments![0]!.content.actions[0]!.data }));
    expect(replies.map(cardText).join('\n')).toMatch(/💡/);
    const check = new DatabaseSync(file, { readOnly: true });
    expect(check.prepare("select status, late from reminders where id = 'teams-outcome'").all()).toEqual([{ status: 'sent', late: 0 }]);
    check.close();
  });

  it('gives up at once, on record, when the connector refuses (the rep removed the app)', async () => {
    const user = '29:removed-rep';
    await send(activity(user, { text: 'help' }));
    await schedule(reminder('teams-removed', user, '该联系 Acme 了'));
    const row = await until("select status, attempts from reminders where id = 'teams-removed'", (r) => r?.status !== 'pending');
    expect(row).toEqual({ status: 'failed', attempts: 1 });
    const db = new DatabaseSync(file, { readOnly: true });
    expect(db.prepare("select kind, detail from audit where kind = 'reminder_failed'").all()).toEqual([{ kind: 'reminder_failed', detail: 'ProactiveError: the Teams connector answered 403' }]);
    db.close();
    expect(bot.output()).toMatch(/"reminder":"teams-removed".*"retryAt":null.*the Teams connector answered 403.*"msg":"reminder not sent; given up"/);
    expect(bot.output()).not.toContain('Acme');
  });

  it('sends none to a rep who turned reminders off', async () => {
    const user = '29:zhao-off';
    const [answer] = await send(activity(user, { text: '/remind 关' }));
    expect(answer!.text).toMatch(/^🔕 提醒已关闭。/);
    const before = posted.length;
    await schedule(reminder('teams-off', user, '该联系 Acme 了'));
    expect(await until("select status from reminders where id = 'teams-off'", (r) => r?.status !== 'pending')).toEqual({ status: 'cancelled' });
    expect(posted.slice(before).map(cardText).join('\n')).not.toContain('Acme');
  });
});
