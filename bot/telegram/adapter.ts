/**
 * The Telegram adapter (grammY): maps Telegram updates to the conversation service and the
 * engine's replies to Telegram messages, nothing more.
 *
 * - Private chats: every text goes to the coach; inline keyboards carry the engine's action ids.
 *   A pressed button is answered at once (no hanging spinner); on the message that carried it,
 *   the keyboard is replaced by a single "✓ choice" mark and the next step arrives as a new
 *   message — so the chat reads as a record of the walk. "Why?" and tips leave the keyboard.
 * - Groups (privacy mode: the bot sees commands and mentions): `@bot <quote>` gets one short
 *   answer and a link to continue in private; `/tip` posts for everyone; shared walks are posted
 *   to the group they came from or TEAM_CHAT_ID.
 * - Texts use HTML parse mode, escaped; messages over 4096 characters are split.
 * - Each update goes to the service with its update_id, which answers a duplicate delivery once
 *   across instances; updates of one chat are handled in order (sequentialize); 429s are
 *   retried (auto-retry); replies go out through the service's `deliver` (the outbox: each reply
 *   counted once sent, a failed send reported).
 * - Webhook mode: the last reply of an answer travels in the webhook's response (grammY's webhook
 *   reply), so the acknowledgement and the reply reach Telegram together; a turn that failed for
 *   a reason a retry can cure (database, burst, Bot API unreachable) answers 500 and Telegram
 *   delivers the update again (service/delivery.ts says why and when); others answer 200 and
 *   the rep is told what happened.
 */
import { autoRetry } from '@grammyjs/auto-retry';
import { sequentialize } from '@grammyjs/runner';
import { Bot, GrammyError, InlineKeyboard, InputFile, type Context } from 'grammy';
import type { InlineKeyboardButton } from 'grammy/types';
import type { Lang } from '../../data/playbook.ts';
import { answersInPlace, isNavigation } from '../../dialogs/actions.ts';
import { inputFromText, menuCommands, parseCommand } from '../../dialogs/commands.ts';
import type { Button } from '../../dialogs/engine.ts';
import { CHANNEL_MESSAGES as MESSAGES } from '../channels/messages.ts';
import type { Answer, CoachService, Delivery, Inbound, OutboundReply } from '../service/coach-service.ts';
import { redeliverable } from '../service/delivery.ts';
import { failureKind, failureLanguage, failureText } from '../channels/error-replies.ts';
import type { Logger } from '../logger.ts';
import { retryNetwork, updateProblem } from './guard.ts';

/** Telegram's limit on one message's text. */
export const TELEGRAM_TEXT_LIMIT = 4096;

export interface TelegramOptions {
  token: string;
  apiRoot?: string;
  service: CoachService;
  logger: Logger;
  teamChatId?: string;
  /** Pause after an empty getUpdates (servers that ignore the long-poll timeout). */
  emptyPollDelayMs?: number;
  /** Webhook mode: the last reply rides on the webhook's response; retryable failures answer 500. */
  webhook?: boolean;
}

/** Escapes text for Telegram's HTML parse mode. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Splits text into pieces of at most `limit` characters, at line breaks where possible. */
export function splitText(text: string, limit = TELEGRAM_TEXT_LIMIT): string[] {
  const pieces: string[] = [];
  let rest = text;
  while ([...rest].length > limit) {
    const chars = [...rest];
    const window = chars.slice(0, limit).join('');
    let cut = window.lastIndexOf('\n');
    if (cut < limit / 2) cut = window.lastIndexOf(' ');
    if (cut < limit / 2) cut = window.length;
    pieces.push(window.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n/, '');
  }
  if (rest.length || pieces.length === 0) pieces.push(rest);
  return pieces;
}

/** HTML for one piece of a reply: escaped, the first line in bold when it heads more lines. */
function toHtml(piece: string, first: boolean): string {
  if (!first || !piece.includes('\n')) return escapeHtml(piece);
  const [head, ...rest] = piece.split('\n');
  return [`<b>${escapeHtml(head!)}</b>`, ...rest.map(escapeHtml)].join('\n');
}

/** The engine's buttons as an inline keyboard: choices one per row, navigation on one row. */
export function toKeyboard(buttons: Button[]): InlineKeyboard {
  const rows: InlineKeyboardButton[][] = [];
  const nav: InlineKeyboardButton[] = [];
  for (const b of buttons) {
    const button = InlineKeyboard.text(b.label, b.action);
    if (isNavigation(b.action)) nav.push(button);
    else rows.push([button]);
  }
  if (nav.length) rows.push(nav);
  return new InlineKeyboard(rows);
}

function langOf(ctx: Context): Lang | undefined {
  const code = ctx.from?.language_code;
  return code ? (code.toLowerCase().startsWith('zh') ? 'zh' : 'en') : undefined;
}

function partyOf(ctx: Context): Omit<Inbound, 'input'> {
  const chat = ctx.chat!;
  const from = ctx.from!;
  const name = [from.first_name, from.last_name].filter(Boolean).join(' ') || from.username || String(from.id);
  return { channel: 'telegram', chatId: String(chat.id), chatType: chat.type === 'private' ? 'private' : 'group', userId: String(from.id), userName: name };
}

/** The update as a delivery: the service answers each update_id once. */
function deliveryOf(ctx: Context): Delivery {
  return { source: 'telegram', updateId: String(ctx.update.update_id) };
}

/** Builds the bot; call `bot.init()` (or start it) afterwards. */
export function createTelegramBot(options: TelegramOptions): Bot {
  const { service, logger } = options;
  // Only sendMessage may ride on the webhook's response, and only through `ctx.api` (deliver's last reply).
  const bot = new Bot(options.token, { client: { ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}), canUseWebhookReply: (method) => method === 'sendMessage' } });
  // 429s and 5xx: retried by autoRetry; no answer at all: a few tries (retryNetwork), never forever.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30, rethrowHttpErrors: true }), retryNetwork());
  const pause = options.emptyPollDelayMs ?? 250;
  bot.api.config.use(async (prev, method, payload, signal) => {
    const result = await prev(method, payload, signal);
    if (method === 'getUpdates' && result.ok && Array.isArray(result.result) && result.result.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
    return result;
  });

  // A malformed or forged update goes no further (one log line, no content): a webhook answers 200.
  bot.use(async (ctx, next) => {
    const problem = updateProblem(ctx.update);
    if (problem) return void logger.info({ updateId: ctx.update.update_id, problem }, 'Telegram update ignored');
    await next();
  });

  // One error boundary for polling and webhook alike: log the error's facts, tell the rep what
  // happened in their language, never crash and never answer the webhook with a 500.
  bot.use(async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      if (options.webhook && redeliverable(err)) {
        // Nothing of the turn is committed, or its unsent replies are kept: Telegram's redelivery answers it once.
        logger.warn({ err, updateId: ctx.update.update_id, chatId: ctx.chat?.id, kind: failureKind(err) }, 'Telegram update failed; answering 500 so that Telegram delivers it again');
        throw new RedeliverError(failureKind(err));
      }
      logger.error({ err, updateId: ctx.update.update_id, chatId: ctx.chat?.id, kind: failureKind(err) }, 'Telegram update failed');
      if (ctx.chat === undefined || ctx.from === undefined) return;
      const lang = await failureLanguage(langOf(ctx), () => service.languageOf(partyOf(ctx)), ctx.message?.text);
      await bot.api.sendMessage(ctx.chat.id, escapeHtml(failureText(err, lang)), { parse_mode: 'HTML' }).catch((e) => logger.warn({ err: e, chatId: ctx.chat?.id }, 'could not tell the rep about the failure'));
    }
  });

  // Updates of one chat one after the other, before anything touches a session.
  bot.use(sequentialize((ctx: Context) => ctx.chat?.id.toString()));

  /** The coach's replies to the chat of `ctx`, through the service (counted as sent; a failed send reported, then failing the update). */
  async function deliver(ctx: Context, answer: Answer): Promise<void> {
    await service.deliver(partyOf(ctx), answer, async (reply, { last }) => {
      // The webhook's response may carry the answer's last message when nothing follows it.
      const api = last && !reply.attachment ? ctx.api : bot.api;
      if (reply.kind === 'team_post') {
        const target = reply.teamChat ?? options.teamChatId;
        if (!target) return void (await api.sendMessage(ctx.chat!.id, escapeHtml(MESSAGES[langOf(ctx) ?? answer.lang].noTeamChat), { parse_mode: 'HTML' }));
        return sendText(target, reply.text, undefined, api);
      }
      await sendText(ctx.chat!.id, reply.text, reply.buttons, api);
      if (reply.attachment) {
        await bot.api.sendDocument(ctx.chat!.id, new InputFile(Buffer.from(reply.attachment.content, 'utf8'), reply.attachment.filename));
      }
    });
  }

  /** Sends a text in pieces; only the last piece goes through `api` (which may be the webhook's response). */
  async function sendText(chatId: number | string, text: string, buttons?: Button[], api = bot.api): Promise<void> {
    const pieces = splitText(text);
    for (const [i, piece] of pieces.entries()) {
      const last = i === pieces.length - 1;
      await (last ? api : bot.api).sendMessage(chatId, toHtml(piece, i === 0), {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        ...(last && buttons?.length ? { reply_markup: toKeyboard(buttons) } : {}),
      });
    }
  }

  async function coach(ctx: Context, input: Inbound['input']): Promise<void> {
    const answer = await service.handle({ ...partyOf(ctx), delivery: deliveryOf(ctx), input: input.type === 'action' ? input : { ...input, langHint: langOf(ctx) } });
    await deliver(ctx, answer);
  }

  // ---- buttons -------------------------------------------------------------------------------
  bot.on('callback_query:data', async (ctx) => {
    const action = ctx.callbackQuery.data;
    await ctx.answerCallbackQuery().catch((err) => logger.warn({ err }, 'answerCallbackQuery failed'));
    if (action === 'noop') return;
    const message = ctx.callbackQuery.message;
    if (message && !answersInPlace(action)) {
      const pressed = message.reply_markup?.inline_keyboard.flat().find((b) => 'callback_data' in b && b.callback_data === action);
      const mark = new InlineKeyboard().text(`✓ ${pressed?.text ?? action}`, 'noop');
      await ctx.editMessageReplyMarkup({ reply_markup: mark }).catch((err) => {
        if (!(err instanceof GrammyError && /message is not modified/i.test(err.description))) logger.warn({ err }, 'could not mark the pressed button');
      });
    }
    if (!ctx.chat) return;
    await coach(ctx, { type: 'action', action });
  });

  // ---- text ----------------------------------------------------------------------------------
  bot.on('message:text', async (ctx) => {
    const text = ctx.message.text;
    if (ctx.chat.type === 'private') {
      const start = /^\/start(?:@\w+)?\s+g(-?\d+)$/.exec(text.trim());
      if (start) {
        // Deep link from a group mention: carry the quote over and show it here.
        const party = partyOf(ctx);
        const answer = await service.continueFrom({ channel: 'telegram', chatId: start[1]!, userId: party.userId }, { ...party, delivery: deliveryOf(ctx), input: { type: 'command', name: 'start', langHint: langOf(ctx) } });
        return deliver(ctx, answer);
      }
      return coach(ctx, inputFromText(text));
    }
    // In a group: only what is addressed to the bot.
    const username = ctx.me.username;
    const mention = new RegExp(`@${username}\\b`, 'i');
    const command = parseCommand(text);
    if (command) {
      if (command.bot && command.bot.toLowerCase() !== username.toLowerCase()) return;
      return coach(ctx, { type: 'command', name: command.name, args: command.args, context: 'group' });
    }
    if (!mention.test(text)) return;
    const quote = text.replace(mention, ' ').replace(/\s+/g, ' ').trim();
    const lang = langOf(ctx) ?? 'en';
    if (!quote) return void (await ctx.reply(escapeHtml(MESSAGES[lang].groupHint), { parse_mode: 'HTML' }));
    const party = partyOf(ctx);
    const answer = await service.handle({ ...party, delivery: deliveryOf(ctx), input: { type: 'text', text: quote, langHint: langOf(ctx), context: 'group' } });
    const link = `https://t.me/${username}?start=g${ctx.chat.id}`;
    await service.deliver(party, answer, async (reply: OutboundReply, { last }) => {
      await (last ? ctx.api : bot.api).sendMessage(ctx.chat.id, toHtml(reply.text, true), {
        parse_mode: 'HTML',
        reply_parameters: { message_id: ctx.message.message_id, allow_sending_without_reply: true },
        reply_markup: new InlineKeyboard().url(MESSAGES[answer.lang].continuePrivately, link),
      });
    });
  });

  // ---- anything else a rep sends in private ----------------------------------------------------
  bot.on('message', async (ctx) => {
    if (ctx.chat.type !== 'private') return;
    const what = Object.keys(ctx.message).find((k) => ['photo', 'sticker', 'voice', 'video', 'document', 'audio', 'location', 'contact', 'animation', 'video_note'].includes(k)) ?? 'other';
    const party = partyOf(ctx);
    await deliver(ctx, await service.unsupported({ ...party, delivery: deliveryOf(ctx) }, what));
  });

  // The last net, for an error in the boundary itself: logged, never the end of the process.
  bot.catch((err) => logger.error({ err, kind: failureKind(err) }, 'Telegram update failed outside the error boundary'));

  return bot;
}

/** Thrown out of the error boundary in webhook mode: the webhook answers 500 and Telegram delivers the update again. */
export class RedeliverError extends Error {
  constructor(kind: string) {
    super(`update not completed (${kind}); left to Telegram's redelivery`);
    this.name = 'RedeliverError';
  }
}

/** The command menu Telegram shows, in English and Chinese; managers see their commands too. */
export async function publishCommands(bot: Bot, managerUserIds: string[], logger: Logger): Promise<void> {
  try {
    // The menus come from the one command table (dialogs/commands.ts).
    await bot.api.setMyCommands(menuCommands('en'));
    await bot.api.setMyCommands(menuCommands('zh'), { language_code: 'zh' });
    for (const id of managerUserIds) {
      await bot.api.setMyCommands(menuCommands('en', { managers: true }), { scope: { type: 'chat', chat_id: Number(id) } });
      await bot.api.setMyCommands(menuCommands('zh', { managers: true }), { scope: { type: 'chat', chat_id: Number(id) }, language_code: 'zh' });
    }
  } catch (err) {
    // The menu is a convenience: a Bot API server without it must not stop the bot.
    logger.warn({ err }, 'could not publish the command menu');
  }
}
