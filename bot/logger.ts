/**
 * The process logger: pino, JSON lines on stderr (stdout belongs to the console chat and the
 * CLI). Logs carry no secret and no customer text:
 *
 * 1. every error goes through one serialiser, `serializeError`: its type, message (redacted,
 *    shortened), code or status, and for a Telegram update its update id and chat id — never the
 *    grammY context (which holds the bot token and the raw update), a request body or a payload;
 * 2. pino's redact paths blank the keys that carry those (ctx, update, body, headers…) wherever
 *    someone logs them anyway;
 * 3. the configured secrets (bot token, webhook secret, client secret, dashboard secrets) are cut
 *    out of every line before it is written.
 * Texts reps send are logged only after redaction, and only at debug level.
 */
import { pino, type Logger } from 'pino';
import { redact } from '../store/redact.ts';
import type { Config } from './config.ts';

export type { Logger };

/** Keys that hold raw updates, requests or credentials: blanked wherever they are logged. */
export const REDACT_PATHS = ['ctx', 'update', 'body', 'rawBody', 'payload', 'headers', 'authorization', 'token', 'activity.text', 'req', 'res'].flatMap((key) => [key, `*.${key}`]);

const MAX_MESSAGE = 300;

/** Shortens and redacts a text from an error message before it is logged. */
function clean(text: string): string {
  const short = text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
  return redact(short).replace(/\s+/g, ' ');
}

/** The loggable facts about an error, and nothing else. */
export function serializeError(err: unknown): Record<string, unknown> {
  if (err === null || typeof err !== 'object') return { type: typeof err, message: clean(String(err)) };
  const e = err as Record<string, unknown> & { ctx?: { update?: { update_id?: unknown }; chat?: { id?: unknown } }; error?: unknown };
  const out: Record<string, unknown> = { type: typeof e.name === 'string' ? e.name : (e.constructor?.name ?? 'Object') };
  // grammY's BotError wraps the real error with the context: keep the ids, drop the context.
  if (e.ctx && typeof e.ctx === 'object' && 'error' in e) {
    out.updateId = e.ctx.update?.update_id;
    out.chatId = e.ctx.chat?.id;
    return { ...serializeError(e.error), ...out, type: `BotError(${String(serializeError(e.error).type)})` };
  }
  out.message = clean(typeof e.message === 'string' ? e.message : '');
  // body-parser's errors carry the raw body; their type says what was wrong.
  if (typeof e.type === 'string' && /^(entity|request|encoding|charset|stream)\./.test(e.type)) out.message = e.type;
  for (const key of ['code', 'status', 'error_code', 'method'] as const) {
    if (typeof e[key] === 'string' || typeof e[key] === 'number') out[key] = e[key];
  }
  if (typeof e.description === 'string') out.description = clean(e.description);
  return out;
}

interface Destination {
  write(line: string): unknown;
}

/** `destination` with every configured secret cut out of each line before it is written. */
function scrubbing(secrets: string[], destination: Destination): Destination {
  const cut = secrets.filter((s) => s.length >= 4);
  return {
    write(line: string) {
      let text = line;
      for (const secret of cut) if (text.includes(secret)) text = text.split(secret).join('[secret]');
      return destination.write(text);
    },
  };
}

/** The logger: JSON lines on stderr (or `destination`), with the three guards above. */
export function createLogger(level: Config['logLevel'], options: { secrets?: string[]; destination?: Destination } = {}): Logger {
  return pino(
    {
      level,
      base: { app: 'objection-coach' },
      serializers: { err: serializeError, error: serializeError },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    },
    scrubbing(options.secrets ?? [], options.destination ?? pino.destination({ fd: 2, sync: true })),
  );
}
