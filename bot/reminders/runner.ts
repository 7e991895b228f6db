/**
 * The reminders runner: every `intervalMs` (and once at start, which sends what came due while
 * no instance was running), claims the due reminders of the channels this process can send on
 * — each by one instance only, with a lease (SKIP LOCKED on PostgreSQL; SQLite's one writer) —
 * and sends each through its channel's proactive sender:
 *
 * - a rep who turned reminders off: the reminder is cancelled, not sent (`/remind off` cancels
 *   the pending ones too; this catches those scheduled afterwards);
 * - inside the rep's quiet hours (in the reminder's time zone): deferred to their end;
 * - sent: marked sent — late when it went out more than `lateAfterMs` after it was meant to
 *   (its due time, or the end of the quiet hours it fell in), and then it says so, politely;
 * - failed: tried again after an exponential backoff, up to `maxAttempts` sends in all (at once
 *   when the channel says retrying cannot help), then marked failed.
 * Each send and each failure is an audit row (reminder_sent / reminder_failed: the kind, never
 * the text); logs carry ids and error names only. The clock and the interval are injectable:
 * tests call `tick()` at the times they choose.
 */
import type { Lang } from '../../data/vocabulary.ts';
import type { MessageReply } from '../../dialogs/types.ts';
import { formatWhen } from '../../intents/dates.ts';
import type { AuditEntry, Reminder, Store } from '../../store/store.ts';
import { ProactiveError, type ProactiveSender } from '../channels/proactive.ts';
import type { Logger } from '../logger.ts';
import { describeError } from '../service/turn-rows.ts';
import { REMINDER_MESSAGES } from './messages.ts';
import { expectedAt, isQuiet, quietEnd } from './quiet.ts';

export const DEFAULT_REMINDER_INTERVAL_MS = 30_000;

export interface ReminderRunnerOptions {
  store: Store;
  logger: Logger;
  /** The proactive sender of each channel this process runs (telegram, msteams, console). */
  senders: Record<string, ProactiveSender>;
  now?: () => number;
  /** How often to look for due reminders (REMINDER_INTERVAL_MS; default 30 s). */
  intervalMs?: number;
  /** How long a claim holds before another instance may take the reminder (default 5 min). */
  leaseMs?: number;
  /** How many reminders one claim takes (default 50; a tick claims until none are left). */
  batch?: number;
  /** Sends tried in all before a reminder is given up (default 5). */
  maxAttempts?: number;
  /** The first retry's delay; doubled each time, at most 6 hours (default 1 min). */
  backoffMs?: number;
  /** How long after its time a reminder counts as late (default 15 min). */
  lateAfterMs?: number;
  /** The team's time zone, for reminders scheduled without one (default UTC). */
  defaultTimeZone?: string;
}

/** What one tick did. */
export interface TickResult {
  sent: number;
  late: number;
  retried: number;
  failed: number;
  deferred: number;
  cancelled: number;
}

export interface ReminderRunner {
  /** One pass now: claims and handles every due reminder; never throws (failures are logged). */
  tick(): Promise<TickResult>;
  /** A pass now, then every `intervalMs` on a timer that does not keep the process alive. */
  start(): void;
  /** Stops the timer; resolves when a pass under way has finished. */
  stop(): Promise<void>;
}

const MAX_BACKOFF_MS = 6 * 3_600_000;
/** Claims per tick at most: a large backlog drains over a few ticks, never in one endless loop. */
const MAX_BATCHES = 20;

/** The payload as a MessageReply, or undefined when it is not one. */
export function messageOf(payload: unknown): MessageReply | undefined {
  const p = payload as { text?: unknown; buttons?: unknown } | null;
  if (!p || typeof p.text !== 'string' || !p.text.trim()) return undefined;
  if (p.buttons === undefined) return { kind: 'message', text: p.text };
  if (!Array.isArray(p.buttons) || !p.buttons.every((b) => b && typeof b.label === 'string' && typeof b.action === 'string')) return undefined;
  return { kind: 'message', text: p.text, buttons: p.buttons.map((b: { label: string; action: string }) => ({ label: b.label, action: b.action })) };
}

export function createReminderRunner(options: ReminderRunnerOptions): ReminderRunner {
  const { store, logger, senders } = options;
  const now = options.now ?? Date.now;
  const intervalMs = options.intervalMs ?? DEFAULT_REMINDER_INTERVAL_MS;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const batch = options.batch ?? 50;
  const maxAttempts = options.maxAttempts ?? 5;
  const backoffMs = options.backoffMs ?? 60_000;
  const lateAfterMs = options.lateAfterMs ?? 15 * 60_000;
  const defaultZone = options.defaultTimeZone ?? 'UTC';
  const channels = Object.keys(senders);

  const record = (r: Reminder, at: number, kind: 'reminder_sent' | 'reminder_failed', detail: string, data: Record<string, unknown>) => {
    const entry: AuditEntry = { channel: r.channel, chatId: r.chatId, chatType: 'private', userId: r.userId, userName: '', at, kind, label: r.kind, detail, data: { reminder: r.id, deal: r.dealId, attempts: r.attempts, ...data } };
    return store.audit.append([entry]).catch((err) => logger.error({ err, reminder: r.id }, 'could not record a reminder'));
  };

  async function handle(r: Reminder, at: number, result: TickResult): Promise<void> {
    const prefs = await store.reminderPrefs.of(r.channel, r.userId);
    if (!prefs.enabled) {
      await store.reminders.cancelOne(r.id);
      logger.info({ reminder: r.id, kind: r.kind }, 'reminder cancelled: the rep turned reminders off');
      result.cancelled++;
      return;
    }
    const zone = r.timeZone ?? defaultZone;
    if (isQuiet(prefs.quiet, at, zone)) {
      const until = quietEnd(prefs.quiet, at, zone);
      await store.reminders.defer(r.id, until);
      logger.debug({ reminder: r.id, until }, 'reminder deferred: quiet hours');
      result.deferred++;
      return;
    }
    const lang: Lang = r.lang === 'zh' ? 'zh' : 'en';
    const late = at - expectedAt(r.dueAt, prefs.quiet, zone) > lateAfterMs;
    try {
      const message = messageOf(r.payload);
      if (!message) throw new ProactiveError('the reminder is not a message ({ text, buttons? })', { permanent: true });
      const sender = senders[r.channel]!;
      const reference = sender.needsReference ? (await store.conversationRefs.of(r.channel, r.chatId, r.userId))?.reference : undefined;
      if (sender.needsReference && reference === undefined) throw new ProactiveError('no conversation reference for this rep yet', { permanent: false });
      const text = late ? `${REMINDER_MESSAGES[lang].late(formatWhen(new Date(r.dueAt), zone, lang))}\n\n${message.text}` : message.text;
      await sender.send({ chatId: r.chatId, userId: r.userId, lang, reference }, { ...message, text });
    } catch (err) {
      // Our own errors say what went wrong in our words; others by their name and code only.
      const error = err instanceof ProactiveError ? `${err.name}: ${err.message}` : describeError(err);
      const permanent = err instanceof ProactiveError && err.permanent;
      const retryAt = permanent || r.attempts >= maxAttempts ? null : at + Math.min(MAX_BACKOFF_MS, backoffMs * 2 ** (r.attempts - 1));
      await store.reminders.markFailed(r.id, { error, retryAt });
      await record(r, at, 'reminder_failed', error, { retryAt, final: retryAt === null });
      logger.warn({ reminder: r.id, kind: r.kind, channel: r.channel, attempts: r.attempts, retryAt, error }, retryAt === null ? 'reminder not sent; given up' : 'reminder not sent; will retry');
      if (retryAt === null) result.failed++;
      else result.retried++;
      return;
    }
    await store.reminders.markSent(r.id, { at, late });
    await record(r, at, 'reminder_sent', late ? 'late' : 'on_time', { lateMs: late ? at - r.dueAt : 0 });
    logger.info({ reminder: r.id, kind: r.kind, channel: r.channel, late }, 'reminder sent');
    result.sent++;
    if (late) result.late++;
  }

  async function tick(): Promise<TickResult> {
    const result: TickResult = { sent: 0, late: 0, retried: 0, failed: 0, deferred: 0, cancelled: 0 };
    if (!channels.length) return result;
    try {
      for (let i = 0; i < MAX_BATCHES; i++) {
        const at = now();
        const due = await store.claimDueReminders({ now: at, limit: batch, leaseMs, channels });
        for (const r of due) {
          try {
            await handle(r, now(), result);
          } catch (err) {
            // The store failed mid-way: the lease runs out and the reminder is claimed again.
            logger.error({ err, reminder: r.id }, 'reminder handling failed');
          }
        }
        if (due.length < batch) break;
      }
    } catch (err) {
      logger.error({ err }, 'could not claim due reminders');
    }
    return result;
  }

  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const run = () => (running = running.then(tick));
  return {
    tick: () => run() as Promise<TickResult>,
    start() {
      if (timer) return;
      timer = setInterval(() => void run(), intervalMs);
      timer.unref();
      void run();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
