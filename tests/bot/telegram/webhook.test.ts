/**
 * Telegram webhook mode through the project's HTTP server, with real update JSON: the secret
 * token, malformed bodies and updates (never a 500: a body that is no update gets a 400, an
 * update the bot cannot handle a 200 with nothing done), duplicate deliveries, and logs that
 * carry neither the token nor what reps typed. Replies go to the fake Bot API.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync as Database } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, waitListening } from '../../helpers.ts';
import { botMessages, startFakeTelegram, TOKEN, type FakeTelegram } from './fake-telegram.ts';
import { leaks } from '../fuzz-run.ts';

const SECRET = 'test-secret_42';
const port = 30000 + Math.floor(Math.random() * 20000);
const url = `http://127.0.0.1:${port}/telegram/webhook`;
const dataDir = mkdtempSync(join(tmpdir(), 'coach-webhook-'));
let fake: FakeTelegram;
let bot: ReturnType<typeof startServer>;

beforeAll(async () => {
  fake = await startFakeTelegram();
  bot = startServer({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot, DATA_DIR: dataDir, PORT: String(port), TELEGRAM_WEBHOOK_URL: url, TELEGRAM_WEBHOOK_SECRET: SECRET });
  await waitListening(bot);
}, 60_000);

afterAll(async () => {
  await bot?.stop();
  await fake?.stop();
});

let updateId = 1000;
/** A real Telegram update: a private text message. */
function textUpdate(chatId: number, text: string, id = ++updateId) {
  return {
    update_id: id,
    message: {
      message_id: id,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: 'private', first_name: 'Hook' },
      from: { id: chatId, is_bot: false, first_name: 'Hook', language_code: 'en' },
      text,
    },
  };
}

/** Delivers a body as Telegram would (a webhook reply in the response is run on the fake Bot API). */
function post(body: unknown, secret: string | null = SECRET, raw = false) {
  return fake.postUpdate(url, raw ? (body as string) : JSON.stringify(body), { 'content-type': 'application/json', ...(secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret }) });
}

/** Everything the bot sent to a chat, read or not. */
function sentTo(chatId: number) {
  return fake.server.storage.botMessages.filter((m) => String(m.message.chat_id) === String(chatId));
}

function messagesInAudit(chatId: number): number {
  const db = new Database(join(dataDir, 'objection-coach.db'), { readOnly: true });
  const row = db.prepare("select count(*) n from audit where kind = 'message' and chat_id = ?").get(String(chatId)) as { n: number };
  db.close();
  return row.n;
}

describe('Telegram webhook mode', () => {
  it('registers the webhook with its secret and serves /healthz', async () => {
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, store: 'sqlite', channels: { telegram: true, teams: false } });
    expect(bot.output()).toContain('"telegram":"webhook"');
  });

  it('processes an update with the right secret and replies through the Bot API', async () => {
    const response = await post(textUpdate(6001, 'let me compare other quotes'));
    expect(response.status).toBe(200);
    const client = fake.server.getClient(TOKEN, { chatId: 6001, userId: 6001 });
    const [reply] = await botMessages(client, 1);
    expect(reply!.text).toContain('Timing (no decision date)');
    expect(reply!.buttons.map((b) => b.data)).toEqual(['go', 'fix', 'as:none']);
  });

  it('refuses a wrong or missing secret with 401 and processes nothing', async () => {
    expect((await post(textUpdate(6002, 'too expensive'), 'wrong')).status).toBe(401);
    expect((await post(textUpdate(6002, 'too expensive'), null)).status).toBe(401);
    expect(messagesInAudit(6002)).toBe(0);
    expect(sentTo(6002)).toHaveLength(0);
  });

  it('answers a malformed body with 400 and keeps running', async () => {
    expect((await post('{"update_id": 5, "message": ', SECRET, true)).status).toBe(400);
    expect((await post([1, 2, 3])).status).toBe(400);
    expect((await post({ hello: 'world' })).status).toBe(400);
    const ok = await post(textUpdate(6003, 'hello'));
    expect(ok.status).toBe(200);
  });

  it('acknowledges updates it cannot handle with 200 and does nothing with them, each logged once', async () => {
    const good = (chatId: number) => textUpdate(chatId, 'too expensive');
    const cases: unknown[] = [
      { ...good(6101), message: { ...good(6101).message, from: undefined } },
      { ...good(6102), message: { ...good(6102).message, chat: undefined } },
      { ...good(6103), message: { ...good(6103).message, text: { bold: 'not a string' } } },
      { ...good(6104), message: { ...good(6104).message, from: { id: 6104, is_bot: false, first_name: 'X', language_code: 42 } } },
      { ...good(6105), message: { ...good(6105).message, reply_markup: { inline_keyboard: 'forged' } } },
      { update_id: ++updateId, callback_query: { id: 'cb1', chat_instance: '1', from: { id: 6106, is_bot: false, first_name: 'X' }, data: { object: 'data' }, message: { message_id: 1, date: 0, chat: { id: 6106, type: 'private' } } } },
      { update_id: ++updateId, callback_query: { id: 'cb2', chat_instance: '1', from: { id: 6107, is_bot: false, first_name: 'X' }, data: 'go', message: { message_id: 1, date: 0, chat: { id: 6107, type: 'private' }, reply_markup: { inline_keyboard: [{ text: 'not a row' }] } } } },
      { update_id: ++updateId, edited_message: good(6108).message },
    ];
    const ignoredBefore = bot.output().split('\n').filter((line) => line.includes('Telegram update ignored')).length;
    // The webhook answers once the update is handled (grammY's webhookCallback awaits it): after
    // the 200, whatever the bot sent or recorded for it is there to see, so no waiting.
    for (const update of cases) expect((await post(update)).status).toBe(200);
    for (const chatId of [6101, 6102, 6103, 6104, 6105, 6106, 6107, 6108]) {
      expect(sentTo(chatId)).toHaveLength(0);
      expect(messagesInAudit(chatId)).toBe(0);
    }
    const ignored = bot.output().split('\n').filter((line) => line.includes('Telegram update ignored')).length - ignoredBefore;
    expect(ignored).toBe(cases.length);
  });

  it('refuses binary and oversized bodies with a 4xx, never a 5xx', async () => {
    const binary = await post(Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x22, 0x80]).toString('latin1'), SECRET, true);
    expect(binary.status).toBe(400);
    const oversized = await post({ ...textUpdate(6110, 'x'), pad: 'x'.repeat(300_000) });
    expect(oversized.status).toBe(413);
    const charset = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json; charset=klingon', 'x-telegram-bot-api-secret-token': SECRET }, body: '{}' });
    expect(charset.status).toBe(415);
  });

  it('answers /kb constructor and /kb __proto__ with the list of topics', async () => {
    for (const [chatId, text] of [[6120, '/kb constructor'], [6121, '/kb __proto__']] as const) {
      expect((await post(textUpdate(chatId, text))).status).toBe(200);
      const [reply] = await botMessages(fake.server.getClient(TOKEN, { chatId, userId: chatId }), 1);
      expect(reply!.text).toContain('Knowledge topics');
    }
  });

  it('processes a duplicate delivery (same update_id) once', async () => {
    const update = textUpdate(6004, '太贵了');
    expect((await post(update)).status).toBe(200);
    expect((await post(update)).status).toBe(200);
    // Both answered after being handled: one reply is all there will be.
    expect(sentTo(6004)).toHaveLength(1);
    expect(messagesInAudit(6004)).toBe(1);
  });
});

describe('Telegram webhook mode, the logs', () => {
  it('carry neither the bot token, the webhook secret nor what reps typed', async () => {
    expect((await post(textUpdate(6130, '客户电话 13812345678，邮箱 li.lei@example.com，说再考虑'))).status).toBe(200);
    await botMessages(fake.server.getClient(TOKEN, { chatId: 6130, userId: 6130 }), 1);
    expect(leaks(bot.output(), [TOKEN, SECRET, '13812345678', 'li.lei@example.com', '说再考虑', 'let me compare other quotes'])).toEqual([]);
  });
});
