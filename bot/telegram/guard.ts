/**
 * The Telegram door: what is checked before an update reaches the adapter, and how the Bot API
 * is reached without hanging forever.
 *
 * - `updateProblem`: the shape of the update parts the adapter reads (message, callback query,
 *   their sender and chat), so a malformed or forged update is dropped with one log line instead
 *   of throwing inside a handler (and, in webhook mode, costing a 500 and a redelivery).
 * - `retryNetwork`: a failed connection to the Bot API is retried a few times, then given up.
 * - `initBot`: start-up's getMe with bounded retries, and a one-line StartupError that names
 *   TELEGRAM_API_ROOT (unreachable) or TELEGRAM_BOT_TOKEN (refused).
 */
import { GrammyError, HttpError, type Bot, type Transformer } from 'grammy';
import { z } from 'zod';
import { EXIT_CONFIG, EXIT_FAILURE, StartupError } from '../startup.ts';

/** Longest text accepted from an update, in UTF-16 units (Telegram's limit is 4096 characters). */
export const MAX_UPDATE_TEXT = 8192;

const id = z.number().int().refine(Number.isSafeInteger);
const short = z.string().max(1024);
const user = z.looseObject({ id, is_bot: z.boolean().optional(), first_name: short, last_name: short.optional(), username: short.optional(), language_code: z.string().max(35).optional() });
const chat = z.looseObject({ id, type: z.enum(['private', 'group', 'supergroup', 'channel']) });
const button = z.looseObject({ text: short, callback_data: z.string().max(256).optional(), url: z.string().max(2048).optional() });
const replyMarkup = z.looseObject({ inline_keyboard: z.array(z.array(button).max(100)).max(100) });
const entity = z.looseObject({ type: z.string(), offset: z.number().int().nonnegative(), length: z.number().int().nonnegative() });
const message = z.looseObject({
  message_id: id,
  chat,
  from: user,
  text: z.string().max(MAX_UPDATE_TEXT).optional(),
  entities: z.array(entity).max(1000).optional(),
  reply_markup: replyMarkup.optional(),
});
const callbackQuery = z.looseObject({
  id: z.string().max(256),
  from: user,
  data: z.string().max(256).optional(),
  message: z.looseObject({ message_id: id, chat, reply_markup: replyMarkup.optional() }).optional(),
});
const update = z.looseObject({ update_id: id, message: message.optional(), callback_query: callbackQuery.optional() });

/**
 * Why the adapter must not handle `body`, or null when it may: a message or a callback query
 * of the shape Telegram sends. Says where, never what (no content in logs).
 */
export function updateProblem(body: unknown): string | null {
  const parsed = update.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return `${issue.path.join('.') || 'update'}: ${issue.code}`;
  }
  const kinds = ['message', 'callback_query'].filter((k) => parsed.data[k as 'message'] !== undefined);
  if (kinds.length !== 1) return kinds.length ? 'more than one kind of update' : 'not a message or callback query';
  return null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retries a Bot API call that got no answer (connection refused, reset, timed out), `attempts` times in all. */
export function retryNetwork(attempts = 3, delayMs = 500): Transformer {
  return async (prev, method, payload, signal) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await prev(method, payload, signal);
      } catch (err) {
        if (!(err instanceof HttpError) || attempt >= attempts || signal?.aborted) throw err;
        await sleep(delayMs * 2 ** (attempt - 1));
      }
    }
  };
}

/** The network reason inside a grammY HttpError (ECONNREFUSED, ENOTFOUND, a timeout…). */
function networkReason(err: HttpError): string {
  const inner = err.error as { code?: unknown; cause?: { code?: unknown; message?: unknown }; name?: unknown; message?: unknown } | undefined;
  const code = inner?.cause?.code ?? inner?.code ?? inner?.name;
  return typeof code === 'string' ? code : 'no answer';
}

/**
 * Asks the Bot API who the bot is (getMe), retrying `attempts` times with a growing pause when
 * there is no answer. Throws a StartupError naming the variable to check.
 */
export async function initBot(bot: Bot, options: { apiRoot?: string; attempts?: number; delayMs?: number; timeoutMs?: number } = {}): Promise<void> {
  const attempts = options.attempts ?? 5;
  const where = options.apiRoot ? `TELEGRAM_API_ROOT (${options.apiRoot})` : 'api.telegram.org (set TELEGRAM_API_ROOT for another Bot API server)';
  for (let attempt = 1; ; attempt++) {
    try {
      // Not bot.init(): it retries a network failure until its signal aborts, hiding the reason.
      bot.botInfo = await bot.api.getMe(AbortSignal.timeout(options.timeoutMs ?? 10_000) as never);
      return;
    } catch (err) {
      if (err instanceof GrammyError) {
        throw new StartupError(`Telegram did not accept TELEGRAM_BOT_TOKEN (${err.error_code}: ${err.description})`, EXIT_CONFIG);
      }
      if (attempt >= attempts) {
        const reason = err instanceof HttpError ? networkReason(err) : (err as Error).message;
        throw new StartupError(`cannot reach the Telegram Bot API at ${where} after ${attempts} attempts (${reason})`, EXIT_FAILURE);
      }
      await sleep((options.delayMs ?? 250) * 2 ** (attempt - 1));
    }
  }
}
