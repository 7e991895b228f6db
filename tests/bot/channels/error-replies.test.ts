/**
 * When a message cannot be handled, the rep is told what happened — a burst they should resend,
 * a database that is not answering, a bug — in their language, on both channels; the log line
 * says the same without the token or the rep's words.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadAuthConfigFromEnv } from '@microsoft/agents-hosting';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoachService } from '../../../bot/service/coach-service.ts';
import { FAILURE_TEXT, failureKind } from '../../../bot/channels/error-replies.ts';
import { createHttpApp, listen } from '../../../bot/http-server.ts';
import { createLogger } from '../../../bot/logger.ts';
import { createTeamsHandler } from '../../../bot/teams/adapter.ts';
import { teamsGuards } from '../../../bot/teams/guard.ts';
import { createTelegramBot } from '../../../bot/telegram/adapter.ts';
import { Store } from '../../../store/store.ts';

const TOKEN = '555000111:AAEwhatever-secret_Token-value';

/** An error of a named kind, as the store and the drivers raise them. */
function failure(kind: 'busy' | 'storage' | 'internal'): Error {
  if (kind === 'busy') return Object.assign(new Error('session telegram/1/1 changed under us 5 times in a row; giving up'), { name: 'ConcurrencyError' });
  if (kind === 'storage') return Object.assign(new Error('database is locked'), { code: 'ERR_SQLITE_ERROR' });
  return new TypeError("Cannot read properties of undefined (reading 'x')");
}

/** A conversation service that fails every turn with `error`; the session says `lang`. */
function failingService(state: { error: Error; lang: 'zh' | 'en' }): CoachService {
  const service = {
    handle: async () => {
      throw state.error;
    },
    languageOf: async () => state.lang,
  } as unknown as CoachService;
  // What the rep is told is the service's own decision: its real failureReply, over the session language above.
  service.failureReply = CoachService.prototype.failureReply.bind(service);
  return service;
}

/** The project's logger (no secrets to cut: the serialiser alone must keep the token out), its lines kept. */
function captureLogger() {
  const lines: string[] = [];
  return { lines, logger: createLogger('info', { destination: { write: (line: string) => lines.push(line) } }) };
}

describe('which kind of failure an error is', () => {
  it('tells a burst, a database problem, a refused delivery and a bug apart', () => {
    expect(failureKind(failure('busy'))).toBe('busy');
    expect(failureKind(failure('storage'))).toBe('storage');
    expect(failureKind(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe('storage');
    expect(failureKind(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe('storage');
    expect(failureKind(Object.assign(new Error("Call to 'sendMessage' failed!"), { name: 'GrammyError' }))).toBe('delivery');
    expect(failureKind(failure('internal'))).toBe('internal');
    expect(new Set(Object.values(FAILURE_TEXT.en)).size).toBe(4);
    expect(new Set(Object.values(FAILURE_TEXT.zh)).size).toBe(4);
  });
});

describe('Telegram: the rep is told what went wrong, in their language', () => {
  const state = { error: failure('busy'), lang: 'en' as 'zh' | 'en' };
  const sent: { chat_id: number; text: string }[] = [];
  const { lines, logger } = captureLogger();
  let upstream: Server;
  let bot: ReturnType<typeof createTelegramBot>;
  let store: Store;
  let nextId = 1;

  beforeAll(async () => {
    upstream = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const method = (req.url ?? '').split('/').pop();
        if (method === 'sendMessage') sent.push(JSON.parse(body));
        const result = method === 'getMe' ? { id: 1, is_bot: true, first_name: 'Coach', username: 'coach_bot' } : { message_id: nextId++, date: 0, chat: { id: 1, type: 'private' } };
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ ok: true, result }));
      });
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    store = await Store.openSqlite(':memory:');
    bot = createTelegramBot({ token: TOKEN, apiRoot: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`, service: failingService(state), logger });
    await bot.init();
  });
  afterAll(async () => {
    await store.close();
    await new Promise((resolve) => upstream.close(resolve));
  });

  async function send(chatId: number, languageCode: string, text: string): Promise<string> {
    const before = sent.length;
    const id = nextId++;
    await bot.handleUpdate({ update_id: id, message: { message_id: id, date: 0, chat: { id: chatId, type: 'private', first_name: 'R' }, from: { id: chatId, is_bot: false, first_name: 'R', language_code: languageCode }, text } });
    expect(sent.length).toBe(before + 1);
    return sent.at(-1)!.text;
  }

  it('says a burst needs resending, in Chinese for a Chinese rep', async () => {
    Object.assign(state, { error: failure('busy'), lang: 'en' });
    expect(await send(9001, 'zh-hans', '太贵了')).toBe(FAILURE_TEXT.zh.busy);
  });

  it('says the database is not answering, in English for an English rep', async () => {
    Object.assign(state, { error: failure('storage'), lang: 'en' });
    expect(await send(9002, 'en', 'too expensive')).toBe(FAILURE_TEXT.en.storage);
  });

  it('follows the language the rep chose in the session over the client', async () => {
    Object.assign(state, { error: failure('internal'), lang: 'zh' });
    expect(await send(9003, 'en', 'hello')).toBe(FAILURE_TEXT.zh.internal);
  });

  it('logs each failure once with its kind, update and chat id — not the token or the text', () => {
    const failed = lines.filter((line) => line.includes('Telegram update failed')).map((line) => JSON.parse(line));
    expect(failed.map((f) => f.kind)).toEqual(['busy', 'storage', 'internal']);
    expect(failed.map((f) => f.chatId)).toEqual([9001, 9002, 9003]);
    expect(failed.every((f) => typeof f.updateId === 'number')).toBe(true);
    expect(lines.join('\n')).not.toContain(TOKEN);
    expect(lines.join('\n')).not.toMatch(/太贵了|too expensive/);
  });
});

describe('Teams: the rep is told what went wrong, in their language', () => {
  const state = { error: failure('busy'), lang: 'en' as 'zh' | 'en' };
  const { logger } = captureLogger();
  let store: Store;
  let base: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    store = await Store.openSqlite(':memory:');
    const authConfig = loadAuthConfigFromEnv();
    const app = createHttpApp({ store, logger, teams: { guards: teamsGuards(authConfig, logger), handler: createTeamsHandler({ authConfig, service: failingService(state), logger }) } });
    const server = await listen(app, 0, '127.0.0.1');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = async () => {
      await new Promise((resolve) => server.close(resolve));
      await store.close();
    };
  });
  afterAll(() => close());

  async function send(id: string, locale: string): Promise<string[]> {
    const activity = {
      type: 'message', id, channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/', deliveryMode: 'expectReplies', locale, text: '太贵了',
      from: { id: `29:${id}`, name: 'Rep' }, recipient: { id: '28:bot', name: 'Coach' }, conversation: { id: `a:${id}`, conversationType: 'personal' },
    };
    const response = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    expect(response.status).toBe(200);
    return ((await response.json()) as { activities: { text: string }[] }).activities.map((a) => a.text);
  }

  it('says a burst needs resending, in Chinese for a zh-CN client', async () => {
    Object.assign(state, { error: failure('busy'), lang: 'en' });
    expect(await send('teams-busy', 'zh-CN')).toEqual([FAILURE_TEXT.zh.busy]);
  });

  it('says the database is not answering, in English for an en-US client', async () => {
    Object.assign(state, { error: failure('storage'), lang: 'en' });
    expect(await send('teams-storage', 'en-US')).toEqual([FAILURE_TEXT.en.storage]);
  });
});
