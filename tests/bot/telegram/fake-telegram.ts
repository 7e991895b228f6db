/**
 * A fake Telegram Bot API for end-to-end tests: telegram-test-api (which speaks the real
 * protocol for messages, edits, callback queries, getUpdates and webhooks) behind a small proxy
 * that adds the two methods it lacks — setMyCommands and sendDocument — and records them.
 * The bot under test is a real process (`startServer` in ../helpers.ts). `postUpdate` delivers a
 * webhook update as Telegram does: the call a webhook's response carries (a webhook reply) is
 * executed on the fake, as Telegram executes it.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import type { TelegramClient } from 'telegram-test-api/lib/modules/telegramClient.js';

export const TOKEN = '123456:TEST-token';

export interface BotMessage {
  messageId: number;
  text: string;
  chatId: string;
  parseMode?: string;
  buttons: { text: string; data?: string; url?: string }[];
}

export interface FakeTelegram {
  server: TelegramServer;
  /** The Bot API root to give the bot (TELEGRAM_API_ROOT). */
  apiRoot: string;
  commands: unknown[];
  documents: { chatId: string; body: string }[];
  /** POSTs an update to a webhook and, on a 200, runs the method its response carries (Telegram's webhook reply). */
  postUpdate(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; body: string }>;
  stop(): Promise<void>;
}

export async function startFakeTelegram(): Promise<FakeTelegram> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const server = new TelegramServer({ port, host: '127.0.0.1', storeTimeout: 600 });
  await server.start();
  const upstream = server.config.apiURL;
  const commands: unknown[] = [];
  const documents: { chatId: string; body: string }[] = [];
  const proxy = express();
  proxy.use(express.raw({ type: () => true, limit: '10mb' }));
  let nextDocumentId = 100_000;
  proxy.all('/bot:token/:method', async (req, res) => {
    const method = req.params.method;
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (method === 'setMyCommands') {
      commands.push(JSON.parse(body.toString('utf8') || '{}'));
      res.json({ ok: true, result: true });
      return;
    }
    if (method === 'sendDocument') {
      const text = body.toString('utf8');
      const chatId = /name="chat_id"\r\n\r\n([^\r]+)/.exec(text)?.[1] ?? '';
      documents.push({ chatId, body: text });
      res.json({ ok: true, result: { message_id: nextDocumentId++, date: 0, chat: { id: Number(chatId), type: 'private' }, document: { file_id: 'f', file_unique_id: 'f' } } });
      return;
    }
    const response = await fetch(`${upstream}${req.originalUrl}`, {
      method: req.method,
      headers: req.get('content-type') ? { 'content-type': req.get('content-type')! } : undefined,
      body: req.method === 'GET' ? undefined : new Uint8Array(body),
    });
    res.status(response.status).type('application/json').send(await response.text());
  });
  const proxyServer: Server = await new Promise((resolve) => {
    const s = proxy.listen(0, '127.0.0.1', () => resolve(s));
  });
  const apiRoot = `http://127.0.0.1:${(proxyServer.address() as AddressInfo).port}`;
  return {
    server,
    apiRoot,
    commands,
    documents,
    async postUpdate(url, body, headers) {
      const response = await fetch(url, { method: 'POST', headers, body });
      const text = await response.text();
      if (response.status === 200) await runWebhookReply(apiRoot, text);
      return { status: response.status, body: text };
    },
    async stop() {
      await new Promise((resolve) => proxyServer.close(resolve));
      await server.stop();
    },
  };
}

/** Runs the Bot API call a webhook's response carries (`{"method": …, …}`), as Telegram does; anything else is ignored. */
export async function runWebhookReply(apiRoot: string, responseBody: string): Promise<void> {
  let call: { method?: unknown } | null = null;
  try {
    call = JSON.parse(responseBody) as { method?: unknown };
  } catch {
    return;
  }
  if (!call || typeof call.method !== 'string') return;
  const { method, ...payload } = call;
  await fetch(`${apiRoot}/bot${TOKEN}/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
}

/** Reads the bot's messages to a client's chat until `count` have arrived (or fails after a while). */
export async function botMessages(client: TelegramClient, count: number, timeoutMs = 15_000): Promise<BotMessage[]> {
  const got: BotMessage[] = [];
  const deadline = Date.now() + timeoutMs;
  while (got.length < count) {
    if (Date.now() > deadline) throw new Error(`expected ${count} bot messages, got ${got.length}: ${JSON.stringify(got.map((m) => m.text))}`);
    const { result } = await client.getUpdates();
    for (const update of result as unknown as { messageId: number; message: { text: string; chat_id: number | string; parse_mode?: string; reply_markup?: { inline_keyboard?: { text: string; callback_data?: string; url?: string }[][] } } }[]) {
      got.push({
        messageId: update.messageId,
        text: update.message.text,
        chatId: String(update.message.chat_id),
        parseMode: update.message.parse_mode,
        buttons: (update.message.reply_markup?.inline_keyboard ?? []).flat().map((b) => ({ text: b.text, data: b.callback_data, url: b.url })),
      });
    }
    if (got.length < count) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return got;
}

/**
 * Waits until the fake server holds more than `already` documents and returns the next one. A
 * file is sent after its note: a test that read it when the note arrived would race the send.
 */
export async function nextDocument(fake: FakeTelegram, already: number, timeoutMs = 15_000): Promise<{ chatId: string; body: string }> {
  const deadline = Date.now() + timeoutMs;
  while (fake.documents.length <= already) {
    if (Date.now() > deadline) throw new Error(`expected a document (sendDocument) within ${timeoutMs} ms; the fake Bot API received ${fake.documents.length - already}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return fake.documents[already]!;
}

/** Presses the button whose label contains `label` on `message`. */
export async function press(client: TelegramClient, message: BotMessage, label: string): Promise<void> {
  const button = message.buttons.find((b) => b.text.includes(label));
  if (!button?.data) throw new Error(`no button "${label}" on: ${message.text}\nbuttons: ${JSON.stringify(message.buttons)}`);
  // As Telegram does, the callback carries the message with its keyboard.
  const reply_markup = { inline_keyboard: [message.buttons.map((b) => ({ text: b.text, callback_data: b.data }))] };
  await client.sendCallback(client.makeCallbackQuery(button.data, { message: { message_id: message.messageId, reply_markup } as never }));
}
