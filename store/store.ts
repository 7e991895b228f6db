/**
 * The store: one object over one database — embedded SQLite (node:sqlite) by default,
 * PostgreSQL when DATABASE_URL is set — whose parts are the typed functions of the modules
 * beside this one, bound to that database. The database itself is private: callers (the
 * conversation service, the managers' tools, the dashboard) go through these functions.
 *
 *   sessions   sessions.ts   load / save a versioned session (optimistic concurrency)
 *   audit      audit.ts      append to and read the audit log
 *   stats      stats.ts      the figures behind /stats; table sizes
 *   dashboard  dashboard.ts  the managers' dashboard queries and reviews
 *   corrections corrections.ts the accepted corrections the classifier learns from
 *   commitTurn turns.ts      one turn in one transaction, the delivery marked done with it
 *   practice   practice.ts   finished practice rounds, the team's quotes for practice openings
 *   settings   practice.ts   team-wide settings (get / set)
 *   outbox     claims.ts     a committed delivery's replies counted as the channel takes them
 *   prune      retention.ts  what is forgotten after the retention window
 *   reminders  reminders.ts  follow-up reminders: schedule, cancel, claim due ones once across instances
 *   reminderPrefs, conversationRefs  reminder-prefs.ts  /remind settings; where a proactive message reaches a rep
 *   deals      deals.ts      the deals summary (written in commitTurn) and the managers' pipeline
 */
import { markSent } from './claims.ts';
import { appendAudit, auditSince, dialogTranscript, latestAudit } from './audit.ts';
import { connectPostgres, connectSqlite, type ConnectOptions, type PostgresOptions } from './connect.ts';
import { correctionFunctions } from './corrections.ts';
import { dashboardQueries } from './dashboard.ts';
import { pruneExpired, type Pruned } from './retention.ts';
import type { Db, SessionKey, StoreKind } from './schema.ts';
import { loadSession, saveSession } from './sessions.ts';
import { tableSizes, teamStats } from './stats.ts';
import { finishedRounds, getSetting, recentQuotes, setSetting } from './practice.ts';
import { commitTurn, type TurnCommit, type TurnRequest, type TurnWrite } from './turns.ts';
import { sql, type Kysely } from 'kysely';
import { type Reminder, cancelReminder, cancelReminders, cancelRemindersOf, claimDueReminders, deferReminder, markReminderFailed, markReminderSent, remindersOf, remindersOfDeal, scheduleReminders } from './reminders.ts';
import { conversationRefOf, reminderPrefsOf, saveConversationRef, setReminderPrefs } from './reminder-prefs.ts';
import { pipeline, saveDeals } from './deals.ts';
import { bindDashboardAuth, type DashboardAuthStore, type DashboardAuthTables } from './dashboard-auth.ts';

export type { Party } from '../data/vocabulary.ts';
export type { AuditEntry, AuditKind, AuditRow, Delivery, DialogChange, DialogRow, DialogStart, SessionKey, StoredSession, StoreKind } from './schema.ts';
export type { Override, Stats, TableSizes } from './stats.ts';
export type { AcceptedCorrection } from './corrections.ts';
export type { PracticeRow } from './practice.ts';
export type { Pruned } from './retention.ts';
export type { NewReminder, Reminder, ReminderStatus } from './reminders.ts';
export type { ConversationRef, QuietHours, ReminderPrefs } from './reminder-prefs.ts';
export type { DealSummary, Pipeline, PipelineDeal } from './deals.ts';
export type { DialogFilter, DialogPage, Overview, Period } from './dashboard.ts';
export { ConcurrencyError, type TurnCommit, type TurnRequest, type TurnWrite } from './turns.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type DbFunction = (db: Db, ...args: any[]) => unknown;
/** A module's functions with the database already given. */
type Bound<T extends Record<string, DbFunction>> = { readonly [K in keyof T]: T[K] extends (db: Db, ...args: infer A) => infer R ? (...args: A) => R : never };

function bind<T extends Record<string, DbFunction>>(db: Db, functions: T): Bound<T> {
  return Object.fromEntries(Object.entries(functions).map(([name, fn]) => [name, (...args: unknown[]) => fn(db, ...args)])) as Bound<T>;
}

const sessionFunctions = { load: (db: Db, key: SessionKey) => loadSession(db, key), save: saveSession };
const auditFunctions = { append: appendAudit, since: auditSince, latest: latestAudit, transcript: dialogTranscript };
const statsFunctions = { team: teamStats, sizes: tableSizes };
const dealFunctions = { save: saveDeals, pipeline };
const reminderFunctions = {
  schedule: scheduleReminders,
  cancel: cancelReminders,
  cancelOne: cancelReminder,
  cancelAllOf: cancelRemindersOf,
  markSent: markReminderSent,
  markFailed: markReminderFailed,
  defer: deferReminder,
  of: remindersOf,
  ofDeal: remindersOfDeal,
};
const prefsFunctions = { of: reminderPrefsOf, set: setReminderPrefs };
const refFunctions = { save: saveConversationRef, of: conversationRefOf };
const practiceFunctions = { rounds: finishedRounds, quotes: recentQuotes };
const settingsFunctions = { get: getSetting, set: setSetting };
const outboxFunctions = { markSent };

export class Store {
  readonly kind: StoreKind;
  readonly #db: Db;
  readonly sessions: Bound<typeof sessionFunctions>;
  readonly audit: Bound<typeof auditFunctions>;
  readonly stats: Bound<typeof statsFunctions>;
  readonly outbox: Bound<typeof outboxFunctions>;
  readonly dashboard: Bound<typeof dashboardQueries>;
  /** Follow-up reminders (the queue); `claimDue` below takes due ones. */
  readonly reminders: Bound<typeof reminderFunctions>;
  /** A rep's `/remind` settings. */
  readonly reminderPrefs: Bound<typeof prefsFunctions>;
  /** Where a proactive message reaches a rep (Teams conversation references). */
  readonly conversationRefs: Bound<typeof refFunctions>;
  /** Accepted corrections: the training data every instance polls and retrains on. */
  readonly corrections: Bound<typeof correctionFunctions>;
  /** Practice rounds (finished rounds, the team's quotes for openings). */
  readonly practice: Bound<typeof practiceFunctions>;
  /** Team-wide settings every instance reads. */
  readonly settings: Bound<typeof settingsFunctions>;
  /** The deals summary and the managers' pipeline. */
  readonly deals: Bound<typeof dealFunctions>;
  /** The dashboard's shared sign-in state (used link nonces, revoked sessions, failed-attempt counters). */
  readonly dashboardAuth: DashboardAuthStore;

  private constructor(kind: StoreKind, db: Db) {
    this.kind = kind;
    this.#db = db;
    this.sessions = bind(db, sessionFunctions);
    this.audit = bind(db, auditFunctions);
    this.stats = bind(db, statsFunctions);
    this.outbox = bind(db, outboxFunctions);
    this.dashboard = bind(db, dashboardQueries);
    this.reminders = bind(db, reminderFunctions);
    this.reminderPrefs = bind(db, prefsFunctions);
    this.conversationRefs = bind(db, refFunctions);
    this.corrections = bind(db, correctionFunctions);
    this.practice = bind(db, practiceFunctions);
    this.settings = bind(db, settingsFunctions);
    this.deals = bind(db, dealFunctions);
    this.dashboardAuth = bindDashboardAuth(db as unknown as Kysely<DashboardAuthTables>);
  }

  /** Opens SQLite at `file` (created with its folder if missing) and runs the migrations. */
  static async openSqlite(file: string, options: ConnectOptions = {}): Promise<Store> {
    return new Store('sqlite', await connectSqlite(file, options));
  }

  /** Connects to PostgreSQL and runs the migrations (safe with several instances starting at once). */
  static async openPostgres(connectionString: string, options: PostgresOptions = {}): Promise<Store> {
    return new Store('postgres', await connectPostgres(connectionString, options));
  }

  /** Commits one turn in one transaction (see turns.ts); on PostgreSQL the session is read FOR UPDATE. */
  commitTurn<W extends TurnWrite>(request: TurnRequest<W>): Promise<TurnCommit<W>> {
    return commitTurn(this.#db, this.kind === 'postgres', request);
  }

  /** Claims due reminders for `leaseMs`, each by one instance only (SKIP LOCKED on PostgreSQL). */
  claimDueReminders(options: { now: number; limit: number; leaseMs: number; channels?: readonly string[] }): Promise<Reminder[]> {
    return claimDueReminders(this.#db, this.kind === 'postgres', options);
  }

  /** Forgets what is older than the retention window, and processed deliveries after a day. */
  prune(options: { now: number; retentionDays?: number }): Promise<Pruned> {
    return pruneExpired(this.#db, options);
  }

  /** Whether the database answers (readiness checks). */
  async ping(): Promise<void> {
    await sql`select 1`.execute(this.#db);
  }

  async close(): Promise<void> {
    await this.#db.destroy();
  }
}
