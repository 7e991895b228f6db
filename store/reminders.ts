/**
 * Follow-up reminders: the table is the queue. A deal's turn schedules rows (ids chosen by the
 * caller, so scheduling the same reminder twice keeps one); any instance claims the due ones
 * with a lease — on PostgreSQL `FOR UPDATE SKIP LOCKED`, so two instances never take the same
 * row; on SQLite the transaction's write lock does the same — then marks each sent, or failed
 * with a retry time, or defers it (quiet hours). A claim whose instance died expires and is
 * taken again; a reminder due while every instance was down is claimed on the next start.
 */
import { sql } from 'kysely';
import type { Selectable } from 'kysely';
import type { Db, ReminderTable } from './schema.ts';
import { storable } from './schema.ts';

/** A reminder as the scheduler sees it. */
export interface Reminder {
  id: string;
  channel: string;
  chatId: string;
  userId: string;
  dealId: string | null;
  kind: string;
  lang: string;
  /** The rep's IANA time zone (null: the team's). */
  timeZone: string | null;
  /** The message: channel-neutral JSON as the engine's MessageReply ({ text, buttons? }). */
  payload: unknown;
  dueAt: number;
  attempts: number;
  status: ReminderStatus;
}

export type ReminderStatus = 'pending' | 'sent' | 'failed' | 'cancelled';

/** A reminder to schedule. */
export interface NewReminder {
  /** Stable for the same reminder (e.g. `${dealId}:meeting_day`): scheduling it again keeps one row. */
  id: string;
  channel: string;
  chatId: string;
  userId: string;
  dealId?: string | null;
  kind: string;
  lang: string;
  timeZone?: string | null;
  payload: unknown;
  dueAt: number;
}

function fromRow(row: Selectable<ReminderTable>): Reminder {
  return {
    id: row.id,
    channel: row.channel,
    chatId: row.chat_id,
    userId: row.user_id,
    dealId: row.deal_id,
    kind: row.kind,
    lang: row.lang,
    timeZone: row.time_zone,
    payload: JSON.parse(row.payload),
    dueAt: Number(row.due_at),
    attempts: Number(row.attempts),
    status: row.status as ReminderStatus,
  };
}

/**
 * Schedules reminders (inside a turn's transaction when given one). A pending row with the same
 * id is moved to the new time and message; a sent, failed or cancelled one is left alone unless
 * `replace` (a deal re-booked for another day asks for a fresh reminder).
 */
export async function scheduleReminders(db: Db, reminders: readonly NewReminder[], now: number, options: { replace?: boolean } = {}): Promise<void> {
  for (const r of reminders) {
    const values = {
      id: r.id,
      channel: r.channel,
      chat_id: r.chatId,
      user_id: r.userId,
      deal_id: r.dealId ?? null,
      kind: r.kind,
      lang: r.lang,
      time_zone: r.timeZone ?? null,
      payload: storable(JSON.stringify(r.payload)),
      due_at: r.dueAt,
      status: 'pending',
      attempts: 0,
      next_attempt_at: r.dueAt,
      lease_until: null,
      sent_at: null,
      late: 0,
      last_error: null,
      created_at: now,
    };
    const { id: _id, created_at: _created, ...update } = values;
    await db
      .insertInto('reminders')
      .values(values)
      .onConflict((oc) => {
        const target = oc.column('id').doUpdateSet(update);
        return options.replace ? target : target.where('reminders.status', '=', 'pending');
      })
      .execute();
  }
}

/** Cancels a deal's pending reminders (all, or those of `kinds`); returns how many. */
export async function cancelReminders(db: Db, dealId: string, kinds?: readonly string[]): Promise<number> {
  let query = db.updateTable('reminders').set({ status: 'cancelled', lease_until: null }).where('deal_id', '=', dealId).where('status', '=', 'pending');
  if (kinds?.length) query = query.where('kind', 'in', [...kinds]);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Claims up to `limit` due reminders for `leaseMs`: each is taken by one caller only, until it
 * is marked or the lease runs out. Counts the attempt.
 */
export async function claimDueReminders(db: Db, postgres: boolean, options: { now: number; limit: number; leaseMs: number; channels?: readonly string[] }): Promise<Reminder[]> {
  const { now, limit, leaseMs, channels } = options;
  return db.transaction().execute(async (trx) => {
    let due = trx
      .selectFrom('reminders')
      .select('id')
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
      .orderBy('next_attempt_at')
      .limit(limit);
    // Only the channels the caller can send on (the console takes the console's only).
    if (channels) due = due.where('channel', 'in', channels.length ? [...channels] : ['']);
    if (postgres) due = due.forUpdate().skipLocked();
    const ids = (await due.execute()).map((row) => row.id);
    if (ids.length === 0) return [];
    const rows = await trx
      .updateTable('reminders')
      .set({ lease_until: now + leaseMs, attempts: sql<number>`attempts + 1` })
      .where('id', 'in', ids)
      .returningAll()
      .execute();
    return rows.sort((a, b) => Number(a.next_attempt_at) - Number(b.next_attempt_at)).map(fromRow);
  });
}

/** Marks a claimed reminder sent; `late` when it went out well after it was due. */
export async function markReminderSent(db: Db, id: string, options: { at: number; late: boolean }): Promise<void> {
  await db.updateTable('reminders').set({ status: 'sent', sent_at: options.at, late: options.late ? 1 : 0, lease_until: null, last_error: null }).where('id', '=', id).execute();
}

/**
 * Records a failed send: tried again at `retryAt`, or given up (status failed) when null. The
 * error is the channel's short description, never the message.
 */
export async function markReminderFailed(db: Db, id: string, options: { error: string; retryAt: number | null }): Promise<void> {
  const change = options.retryAt === null ? { status: 'failed' } : { next_attempt_at: options.retryAt };
  await db.updateTable('reminders').set({ ...change, lease_until: null, last_error: storable(options.error.slice(0, 500)) }).where('id', '=', id).execute();
}

/** Puts a claimed reminder back until `until` without counting the attempt (quiet hours). */
export async function deferReminder(db: Db, id: string, until: number): Promise<void> {
  await db.updateTable('reminders').set({ next_attempt_at: until, lease_until: null, attempts: sql<number>`attempts - 1` }).where('id', '=', id).execute();
}

/** Cancels one reminder (its rep turned reminders off); a sent or failed one stays as it was. */
export async function cancelReminder(db: Db, id: string): Promise<void> {
  await db.updateTable('reminders').set({ status: 'cancelled', lease_until: null }).where('id', '=', id).where('status', '=', 'pending').execute();
}

/** Forgets reminders done with (sent, failed, cancelled) that were due before `beforeMs`; returns how many. */
export async function pruneReminders(db: Db, beforeMs: number): Promise<number> {
  const result = await db.deleteFrom('reminders').where('status', '!=', 'pending').where('due_at', '<', beforeMs).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Cancels every pending reminder of a rep (`/remind off`); returns how many. */
export async function cancelRemindersOf(db: Db, channel: string, userId: string): Promise<number> {
  const result = await db.updateTable('reminders').set({ status: 'cancelled', lease_until: null }).where('channel', '=', channel).where('user_id', '=', userId).where('status', '=', 'pending').executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** A rep's reminders of one status, soonest first (the console's "due" list, /deals). */
export async function remindersOf(db: Db, channel: string, userId: string, status: ReminderStatus = 'pending'): Promise<Reminder[]> {
  const rows = await db.selectFrom('reminders').selectAll().where('channel', '=', channel).where('user_id', '=', userId).where('status', '=', status).orderBy('due_at').execute();
  return rows.map(fromRow);
}

/** A deal's reminders, every status, soonest first. */
export async function remindersOfDeal(db: Db, dealId: string): Promise<Reminder[]> {
  const rows = await db.selectFrom('reminders').selectAll().where('deal_id', '=', dealId).orderBy('due_at').execute();
  return rows.map(fromRow);
}
