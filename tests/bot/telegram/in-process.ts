/**
 * The Telegram adapter in process: a real grammY bot (the project's `createTelegramBot`) and the
 * real conversation service, fed real update JSON with `bot.handleUpdate`, with an API
 * transformer in place of the network that records every Bot API call and answers it as
 * Telegram would. `handleUpdate` returns when the update is handled, so what a rep sees is
 * known right then: no polling, no waits. The process-level tests (adapter.test.ts,
 * webhook.test.ts) keep what needs a process: start-up, the HTTP door, restarts, the logs.
 */
import type { Bot, InputFile } from 'grammy';
import type { InlineKeyboardMarkup, Message, MessageEntity, Update, UserFromGetMe } from 'grammy/types';
import { createTelegramBot } from '../../../bot/telegram/adapter.ts';
import { inProcessService, type InProcessService } from '../in-process.ts';

export const BOT_USERNAME = 'TestNameBot';
const BOT_INFO: UserFromGetMe = { id: 42, is_bot: true, first_name: 'Coach', username: BOT_USERNAME, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false, can_connect_to_business: false, has_main_web_app: false, has_topics_enabled: false, allows_users_to_create_topics: false, can_manage_bots: false, supports_join_request_queries: false } as UserFromGetMe;

export interface SentMessage {
  messageId: number;
  chatId: string;
  /** The text as sent (HTML). */
  text: string;
  parseMode?: string;
  buttons: { text: string; data?: string; url?: string }[];
  /** The message it answers (a group mention). */
  replyTo?: number;
  keyboard?: InlineKeyboardMarkup;
}

export interface SentDocument {
  chatId: string;
  filename: string;
  content: string;
}

export interface TelegramInProcess extends InProcessService {
  bot: Bot;
  /** Every Bot API call, in order. */
  calls: { method: string; payload: Record<string, unknown> }[];
  /** Every message the bot sent, by id, with its keyboard as last edited. */
  messages: Map<number, SentMessage>;
  documents: SentDocument[];
  /** A rep in a private chat (chat id = user id). */
  rep(userId: number, from?: { first_name?: string; language_code?: string }): Chat;
  /** A user writing in a group chat. */
  group(chatId: number, userId: number, from?: { first_name?: string; language_code?: string }): Chat;
  /** The messages the bot sent to `chatId`, in order. */
  sentTo(chatId: number | string): SentMessage[];
}

function toSent(messageId: number, payload: Record<string, unknown>): SentMessage {
  const keyboard = payload.reply_markup as InlineKeyboardMarkup | undefined;
  return {
    messageId,
    chatId: String(payload.chat_id),
    text: String(payload.text),
    parseMode: payload.parse_mode as string | undefined,
    buttons: (keyboard?.inline_keyboard ?? []).flat().map((b) => ({ text: b.text, data: 'callback_data' in b ? b.callback_data : undefined, url: 'url' in b ? b.url : undefined })),
    replyTo: (payload.reply_parameters as { message_id?: number } | undefined)?.message_id,
    keyboard,
  };
}

async function fileText(file: InputFile): Promise<string> {
  const raw = await file.toRaw();
  if (raw instanceof Uint8Array) return Buffer.from(raw).toString('utf8');
  const parts: Uint8Array[] = [];
  for await (const part of raw as AsyncIterable<Uint8Array>) parts.push(part);
  return Buffer.concat(parts).toString('utf8');
}

export async function telegramInProcess(options: { managers?: number[]; teamChatId?: string } = {}): Promise<TelegramInProcess> {
  const base = await inProcessService((options.managers ?? []).map((id) => `telegram:${id}`));
  const bot = createTelegramBot({ token: '123456:in-process', service: base.service, logger: base.logger, teamChatId: options.teamChatId });
  bot.botInfo = BOT_INFO;
  const calls: TelegramInProcess['calls'] = [];
  const messages = new Map<number, SentMessage>();
  const documents: SentDocument[] = [];
  let nextMessageId = 1;
  // Installed last, so it runs first: no call reaches the network.
  bot.api.config.use(async (_prev, method, payload) => {
    const p = payload as Record<string, unknown>;
    calls.push({ method, payload: p });
    const chat = { id: Number(p.chat_id), type: Number(p.chat_id) < 0 ? 'group' : 'private' };
    let result: unknown = true;
    if (method === 'sendMessage') {
      const sent = toSent(nextMessageId++, p);
      messages.set(sent.messageId, sent);
      result = { message_id: sent.messageId, date: 0, chat, text: sent.text, reply_markup: sent.keyboard };
    } else if (method === 'sendDocument') {
      const file = p.document as InputFile;
      documents.push({ chatId: String(p.chat_id), filename: file.filename ?? '', content: await fileText(file) });
      result = { message_id: nextMessageId++, date: 0, chat, document: { file_id: 'f', file_unique_id: 'f' } };
    } else if (method === 'editMessageReplyMarkup') {
      const sent = messages.get(Number(p.message_id));
      if (sent) messages.set(sent.messageId, toSent(sent.messageId, { ...p, chat_id: sent.chatId, text: sent.text, parse_mode: sent.parseMode }));
    }
    return { ok: true, result } as never;
  });

  let nextUpdateId = 1;
  const sentTo = (chatId: number | string) => [...messages.values()].filter((m) => m.chatId === String(chatId));
  const chat = (chatId: number, type: 'private' | 'group', userId: number, from: { first_name?: string; language_code?: string } = {}) =>
    new Chat(bot, (type === 'group' ? { id: chatId, type, title: 'Sales team' } : { id: chatId, type, first_name: from.first_name ?? `Rep${userId}` }) as Message['chat'], { id: userId, is_bot: false, first_name: from.first_name ?? `Rep${userId}`, ...(from.language_code ? { language_code: from.language_code } : {}) }, () => nextUpdateId++, sentTo);
  return {
    ...base,
    bot,
    calls,
    messages,
    documents,
    rep: (userId, from) => chat(userId, 'private', userId, from),
    group: (chatId, userId, from) => chat(chatId, 'group', userId, from),
    sentTo,
  };
}

/** One user in one chat, sending updates as Telegram would and reading what came back. */
export class Chat {
  private readonly bot: Bot;
  readonly chat: Message['chat'];
  readonly from: NonNullable<Message['from']>;
  private readonly nextId: () => number;
  private readonly sentTo: (chatId: number | string) => SentMessage[];

  constructor(bot: Bot, chat: Message['chat'], from: NonNullable<Message['from']>, nextId: () => number, sentTo: (chatId: number | string) => SentMessage[]) {
    this.bot = bot;
    this.chat = chat;
    this.from = from;
    this.nextId = nextId;
    this.sentTo = sentTo;
  }

  /** Sends an update; returns the messages the bot sent to this chat while handling it. */
  async send(update: Omit<Update, 'update_id'>): Promise<SentMessage[]> {
    const before = this.sentTo(this.chat.id).length;
    await this.bot.handleUpdate({ update_id: this.nextId(), ...update } as Update);
    return this.sentTo(this.chat.id).slice(before);
  }

  /** A message of this chat's user, with any other fields (a photo instead of text…). */
  message(fields: Partial<Message> & Record<string, unknown>): Message {
    const id = this.nextId();
    return { message_id: id, date: 1_700_000_000, chat: this.chat, from: this.from, ...fields } as Message;
  }

  /** Types a text; a leading command (`/tip@Bot 3`) and mentions of the bot carry their entities, as Telegram sends them. */
  say(text: string): Promise<SentMessage[]> {
    const entities: MessageEntity[] = [];
    const command = /^\/[a-z0-9_]+(?:@\w+)?/i.exec(text);
    if (command) entities.push({ type: 'bot_command', offset: 0, length: command[0].length });
    for (const m of text.matchAll(/@\w+/g)) if (m.index !== 0 || !command) entities.push({ type: 'mention', offset: m.index, length: m[0].length });
    return this.send({ message: this.message({ text, ...(entities.length ? { entities } : {}) }) as never });
  }

  /** Presses the button whose label contains `label` on `message` (the callback carries the message with its keyboard). */
  press(message: SentMessage, label: string): Promise<SentMessage[]> {
    const button = message.buttons.find((b) => b.text.includes(label));
    if (!button?.data) throw new Error(`no button "${label}" on: ${message.text}\nbuttons: ${JSON.stringify(message.buttons)}`);
    return this.send({
      callback_query: {
        id: String(this.nextId()),
        chat_instance: String(this.chat.id),
        from: this.from,
        data: button.data,
        message: { message_id: message.messageId, date: 1_700_000_000, chat: this.chat, reply_markup: message.keyboard } as never,
      },
    });
  }
}
