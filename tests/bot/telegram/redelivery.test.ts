/**
 * Telegram webhook mode and Telegram's redelivery, through the project's HTTP server with a real
 * conversation service over SQLite: the answer's last message rides on the webhook's response
 * (grammY's webhook reply, so the acknowledgement and the reply travel together); a turn that
 * failed for a reason a retry cures answers 500 and its redelivery is answered once; a turn that
 * would fail the same way every time answers 200 and the rep is told.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlaybook } from '../../../data/playbook.ts';
import { createEngine } from '../../../dialogs/engine.ts';
import { FAILURE_TEXT } from '../../../bot/channels/error-replies.ts';
import { createHttpApp, listen } from '../../../bot/http-server.ts';
import { CoachService } from '../../../bot/service/coach-service.ts';
import { createTelegramBot } from '../../../bot/telegram/adapter.ts';
import { loadClassifier } from '../../../intents/model-cache.ts';
import { Store } from '../../../store/store.ts';

const SECRET = 'redelivery-secret';
const playbook = loadPlaybook();
const engine = createEngine(playbook, loadClassifier(playbook));
/** What the Bot API received by API call (not by webhook reply). */
const apiSends: { chat_id: number; text: string }[] = [];
/** Errors the next turns throw before the engine runs, first in first out. */
const failures: Error[] = [];
let upstream: Server;
let server: Server;
let store: Store;
let url: string;

beforeAll(async () => {
  upstream = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const method = (req.url ?? '').split('/').pop();
      if (method === 'sendMessage') apiSends.push(JSON.parse(body));
      const result = method === 'getMe' ? { id: 1, is_bot: true, first_name: 'Coach', username: 'coach_bot' } : { message_id: 1, date: 0, chat: { id: 1, type: 'private' } };
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ ok: true, result }));
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  store = await Store.openSqlite(':memory:');
  const logger = pino({ level: 'silent' });
  const service = new CoachService({ engine, store, logger, managerIds: new Set(), redaction: true });
  const handle = service.handle.bind(service);
  service.handle = async (inbound) => {
    const failure = failures.shift();
    if (failure) throw failure;
    return handle(inbound);
  };
  const bot = createTelegramBot({ token: '1:redelivery', apiRoot: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`, service, logger, webhook: true });
  await bot.init();
  server = await listen(createHttpApp({ store, logger, telegram: { bot, secret: SECRET } }), 0, '127.0.0.1');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/telegram/webhook`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await new Promise((resolve) => upstream.close(resolve));
  await store.close();
});

/** Delivers update `id` (a private message) as Telegram does; the webhook's status and the call its response carries. */
async function deliver(id: number, chatId: number, text: string): Promise<{ status: number; reply?: { method: string; chat_id: number; text: string } }> {
  const update = { update_id: id, message: { message_id: id, date: 0, chat: { id: chatId, type: 'private', first_name: 'R' }, from: { id: chatId, is_bot: false, first_name: 'R', language_code: 'en' }, text } };
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body: JSON.stringify(update) });
  const body = await response.text();
  const parsed = body ? (JSON.parse(body) as { method?: string; chat_id: number; text: string }) : undefined;
  return { status: response.status, reply: parsed?.method ? (parsed as { method: string; chat_id: number; text: string }) : undefined };
}

describe('Telegram webhook mode: acknowledgement, reply and redelivery', () => {
  it('sends the answer in the webhook response, and a redelivery of an answered update gets nothing', async () => {
    const first = await deliver(101, 7001, 'too expensive');
    expect(first.status).toBe(200);
    expect(first.reply).toMatchObject({ method: 'sendMessage', chat_id: 7001 });
    expect(first.reply!.text).toContain('Deal size');
    const again = await deliver(101, 7001, 'too expensive');
    expect(again).toEqual({ status: 200, reply: undefined });
    expect(apiSends.filter((m) => m.chat_id === 7001)).toEqual([]);
  });

  it('answers 500 when the database did not answer, tells the rep nothing yet, and answers the redelivery once', async () => {
    failures.push(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }));
    const failed = await deliver(102, 7002, 'let me compare other quotes');
    expect(failed).toEqual({ status: 500, reply: undefined });
    expect(apiSends.filter((m) => m.chat_id === 7002)).toEqual([]);
    const retried = await deliver(102, 7002, 'let me compare other quotes');
    expect(retried.status).toBe(200);
    expect(retried.reply!.text).toContain('Timing');
    expect((await store.audit.since(0, { userId: '7002' })).filter((r) => r.kind === 'message')).toHaveLength(1);
  });

  it('answers 200 to a failure a retry cannot cure (a bug), and tells the rep in their language', async () => {
    failures.push(new TypeError("Cannot read properties of undefined (reading 'x')"));
    const failed = await deliver(103, 7003, 'hello');
    expect(failed.status).toBe(200);
    expect(apiSends.filter((m) => m.chat_id === 7003).map((m) => m.text)).toEqual([FAILURE_TEXT.en.internal]);
  });
});
