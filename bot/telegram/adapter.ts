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
 * - How replies look (HTML, keyboards, the group's short answers) is render.ts; what is read
 *   from an update (party, language, a mention) is inbound.ts: this file only wires them to
 *   grammY (`bot.command` for the deep link, chat-type filters) and the service.
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
import { Bot, GrammyError, InputFile, type Context } from 'grammy';
import { answersInPlace } from '../../dialogs/actions.ts';
import { COMMANDS, inputFromText, menuCommands } from '../../dialogs/commands.ts';
import { CHANNEL_MESSAGES as MESSAGES } from '../channels/messages.ts';
import type { Answer, CoachService, Inbound, OutboundReply } from '../service/coach-service.ts';
import { redeliverable } from '../service/delivery.ts';
import { failureKind } from '../channels/error-replies.ts';
import type { Logger } from '../logger.ts';
import { retryNetwork, updateProblem } from './guard.ts';
import { deliveryOf, langOf, mentionedQuote, partyOf, unsupportedKind } from './inbound.ts';
import { deepLinkSource, NOOP_ACTION, notice, pressedMark, renderAnswer, renderGroupAnswer, type TelegramSend } from './render.ts';

export { escapeHtml, splitText, TELEGRAM_TEXT_LIMIT, toHtml, toKeyboard } from './render.ts';

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

/** The commands of the one table, as grammY command names. */
const COMMAND_NAMES: readonly string[] = COMMANDS.map((c) => c.name);

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
  // happened (the service says what, in which language), never crash, never answer a 500.
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
      const { text } = await service.failureReply(partyOf(ctx), err, { langHint: langOf(ctx), text: ctx.message?.text });
      await send(notice(ctx.chat.id, text)).catch((e) => logger.warn({ err: e, chatId: ctx.chat?.id }, 'could not tell the rep about the failure'));
    }
  });

  // Updates of one chat one after the other, before anything touches a session.
  bot.use(sequentialize((ctx: Context) => ctx.chat?.id.toString()));

  /** Makes one Bot API call that render.ts planned, through `api` (the webhook's response may carry a message). */
  async function send(call: TelegramSend, api = bot.api): Promise<void> {
    if (call.method === 'sendDocument') await bot.api.sendDocument(call.chatId, new InputFile(Buffer.from(call.content, 'utf8'), call.filename));
    else await api.sendMessage(call.chatId, call.text, call.options);
  }

  /**
   * Sends a turn's replies through the service, which counts each one the chat took (and reports
   * a failed send): each reply rendered by `render`; the answer's very last call may ride on the
   * webhook's response, so Telegram gets the acknowledgement and that reply together or neither.
   */
  async function deliver(ctx: Context, answer: Answer, render: (reply: OutboundReply) => TelegramSend[]): Promise<void> {
    await service.deliver(partyOf(ctx), answer, async (reply, { last }) => {
      const calls = render(reply);
      for (const [i, call] of calls.entries()) await send(call, last && i === calls.length - 1 ? ctx.api : bot.api);
    });
  }

  const privateAnswer = (ctx: Context, answer: Answer) => (reply: OutboundReply) => renderAnswer([reply], { chatId: ctx.chat!.id, lang: answer.lang, teamChatId: options.teamChatId });

  async function coach(ctx: Context, input: Inbound['input']): Promise<void> {
    const answer = await service.handle({ ...partyOf(ctx), delivery: deliveryOf(ctx), input: input.type === 'action' ? input : { ...input, langHint: langOf(ctx) } });
    await deliver(ctx, answer, privateAnswer(ctx, answer));
  }

  // ---- buttons -------------------------------------------------------------------------------
  bot.on('callback_query:data', async (ctx) => {
    const action = ctx.callbackQuery.data;
    await ctx.answerCallbackQuery().catch((err) => logger.warn({ err }, 'answerCallbackQuery failed'));
    if (action === NOOP_ACTION) return;
    const message = ctx.callbackQuery.message;
    if (message && !answersInPlace(action)) {
      await ctx.editMessageReplyMarkup({ reply_markup: pressedMark(message.reply_markup, action) }).catch((err) => {
        if (!(err instanceof GrammyError && /message is not modified/i.test(err.description))) logger.warn({ err }, 'could not mark the pressed button');
      });
    }
    if (!ctx.chat) return;
    await coach(ctx, { type: 'action', action });
  });

  // ---- private chats: every text goes to the coach ---------------------------------------------
  const direct = bot.chatType('private');
  // Deep link from a group mention (`/start g<chat id>`): carry the quote over and show it here.
  direct.command('start', async (ctx, next) => {
    const group = deepLinkSource(ctx.match);
    if (group === undefined) return next();
    const party = partyOf(ctx);
    const answer = await service.continueFrom({ channel: 'telegram', chatId: group, userId: party.userId }, { ...party, delivery: deliveryOf(ctx), input: { type: 'command', name: 'start', langHint: langOf(ctx) } });
    await deliver(ctx, answer, privateAnswer(ctx, answer));
  });
  direct.on('message:text', (ctx) => coach(ctx, inputFromText(ctx.message.text)));
  // Anything else a rep sends in private (a photo, a sticker…): on record, and told "text only".
  direct.on('message', async (ctx) => {
    const answer = await service.unsupported({ ...partyOf(ctx), delivery: deliveryOf(ctx) }, unsupportedKind(ctx.message));
    await deliver(ctx, answer, privateAnswer(ctx, answer));
  });

  // ---- groups (privacy mode: the bot sees commands and mentions) ------------------------------
  const groups = bot.chatType(['group', 'supergroup']);
  // The table's commands, bare or addressed to this bot (grammY skips `/tip@OtherBot`).
  for (const name of COMMAND_NAMES) {
    groups.command(name, (ctx) => coach(ctx, { type: 'command', name, args: ctx.match.split(/\s+/).filter(Boolean), context: 'group' }));
  }
  // A mention: one short answer per reply, each with a link to continue in private.
  groups.on('message:text', async (ctx) => {
    const quote = mentionedQuote(ctx.message.text, ctx.message.entities, ctx.me.username);
    if (quote === undefined) return;
    if (!quote) return send(notice(ctx.chat.id, MESSAGES[langOf(ctx) ?? 'en'].groupHint));
    const answer = await service.handle({ ...partyOf(ctx), delivery: deliveryOf(ctx), input: { type: 'text', text: quote, langHint: langOf(ctx), context: 'group' } });
    await deliver(ctx, answer, (reply) => renderGroupAnswer([reply], { chatId: ctx.chat.id, messageId: ctx.message.message_id, lang: answer.lang, botUsername: ctx.me.username }));
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
