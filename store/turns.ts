/**
 * One turn, one transaction: the session write, the delivery marked done, the audit rows (what
 * the rep sent, what happened, what the bot answered), the dialog summary, the deals' summaries
 * and the follow-up reminders the turn schedules or cancels — all or nothing.
 *
 * The caller plans the turn from the session it sees (the engine is pure, so planning inside
 * the transaction is cheap): either a session it already holds (its cache; written only if the
 * stored version is still the same) or one read here, under a row lock on PostgreSQL (on SQLite
 * the transaction holds the write lock from `begin`). A delivery seen before is a duplicate:
 * nothing is written, and the replies of its turn that the channel has not taken yet are
 * returned to be sent now (the outbox, claims.ts).
 */
import { appendAudit } from './audit.ts';
import { claimDelivery, unsentReplies } from './claims.ts';
import { saveDeals, type DealSummary } from './deals.ts';
import { startDialog, updateDialog } from './dialogs.ts';
import { cancelReminders, scheduleReminders, type NewReminder } from './reminders.ts';
import type { AuditEntry, Db, Delivery, DialogChange, DialogStart, SessionKey, StoredSession } from './schema.ts';
import { loadSession, saveSession } from './sessions.ts';

/** What a turn writes, as the caller plans it from the session it sees. */
export interface TurnWrite {
  /** The session's new state; absent: the turn leaves the session alone (a manager command). */
  state?: unknown;
  rows: AuditEntry[];
  dialog?: { id: string; start?: DialogStart; change: DialogChange };
  /** Other dialogs the turn changed (a deal's outcome recorded days after its dialog). */
  otherDialogs?: { id: string; change: DialogChange }[];
  /** The deals the turn changed, as summaries for the pipeline. */
  deals?: DealSummary[];
  /** Follow-up reminders: cancelled first, then scheduled (replacing one of the same id). */
  reminders?: { schedule: NewReminder[]; cancel: { dealId: string; kinds?: string[] }[] };
  /** The replies to send, kept with the delivery's claim until the channel has taken them. */
  outbox?: readonly unknown[];
}

export interface TurnRequest<W extends TurnWrite> {
  now: number;
  /** The delivery this turn answers, marked done with it. */
  delivery?: Delivery;
  /** The session the turn reads and writes; absent: none. */
  key?: SessionKey;
  /** The session as the caller last saw it: planned on without a read, written only if still current. */
  known?: StoredSession;
  /** Plans the turn from the session (null: none yet). May throw: nothing is written then. */
  plan(session: StoredSession | null): W;
}

export type TurnCommit<W> =
  /** Written; `version` is the session's new version (null when the turn has no session). */
  | { status: 'committed'; version: number | null; write: W }
  /** Nothing written: the session changed since it was read (or created meanwhile). Plan again. */
  | { status: 'conflict' }
  /** Nothing written: the delivery was processed before; `unsent`: its replies not yet taken, after the first `sent`. */
  | { status: 'duplicate'; unsent: unknown[]; sent: number };

/** Thrown inside the transaction to roll it back with an outcome. */
class Rollback extends Error {
  readonly outcome: TurnCommit<never>;
  constructor(outcome: TurnCommit<never>) {
    super(outcome.status);
    this.outcome = outcome;
  }
}

/** Commits one turn (see the module comment). `lock`: read the session FOR UPDATE (PostgreSQL). */
export async function commitTurn<W extends TurnWrite>(db: Db, lock: boolean, request: TurnRequest<W>): Promise<TurnCommit<W>> {
  try {
    return await db.transaction().execute(async (trx): Promise<TurnCommit<W>> => {
      const session = request.key === undefined ? null : (request.known ?? (await loadSession(trx, request.key, lock)));
      const write = request.plan(session);
      let version: number | null = null;
      if (request.key !== undefined && write.state !== undefined) {
        version = await saveSession(trx, request.key, write.state, session?.version ?? null, request.now);
        if (version === null) throw new Rollback({ status: 'conflict' });
      }
      if (request.delivery && !(await claimDelivery(trx, request.delivery, request.now, write.outbox))) throw new Rollback({ status: 'duplicate', unsent: [], sent: 0 });
      await appendAudit(trx, write.rows);
      if (write.dialog?.start) await startDialog(trx, write.dialog.start);
      if (write.dialog) await updateDialog(trx, write.dialog.id, write.dialog.change);
      for (const other of write.otherDialogs ?? []) await updateDialog(trx, other.id, other.change);
      if (write.deals?.length) await saveDeals(trx, write.deals);
      for (const cancel of write.reminders?.cancel ?? []) await cancelReminders(trx, cancel.dealId, cancel.kinds);
      if (write.reminders?.schedule.length) await scheduleReminders(trx, write.reminders.schedule, request.now, { replace: true });
      return { status: 'committed', version, write };
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
    if (err.outcome.status !== 'duplicate' || !request.delivery) return err.outcome;
    const { replies, sent } = await unsentReplies(db, request.delivery);
    return { status: 'duplicate', unsent: replies, sent };
  }
}

/** Thrown by the service when a session could not be saved because another writer kept winning. */
export class ConcurrencyError extends Error {
  constructor(key: SessionKey, attempts: number) {
    super(`session ${key.channel}/${key.chatId}/${key.userId} changed under us ${attempts} times in a row; giving up`);
    this.name = 'ConcurrencyError';
  }
}
