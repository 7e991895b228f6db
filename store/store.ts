/**
 * The store: coaching sessions and the append-only audit log, behind one interface and one
 * query layer (Kysely) for two real databases — embedded SQLite (node:sqlite) by default,
 * PostgreSQL (pg) when DATABASE_URL is set. Migrations run when the store opens.
 *
 * Sessions are keyed by (channel, chat, user) and carry a version: `saveSession` only writes
 * over the version it read, so two instances handling the same chat never silently overwrite
 * each other — the loser is told and retries.
 */
import { Kysely, PostgresDialect, SqliteDialect, sql, type ColumnType, type Generated, type RawBuilder, type Selectable, type Updateable } from 'kysely';
import { Migrator, type Migration } from 'kysely/migration';
import pg from 'pg';
import { openSqliteDatabase } from './sqlite.ts';

/** Who and where a row is about. */
export interface Party {
  channel: string;
  chatId: string;
  /** private, group, channel (Teams) or console. */
  chatType: string;
  userId: string;
  userName: string;
}

/** The kinds of audit rows. */
export type AuditKind =
  | 'message' // the rep typed
  | 'button' // the rep pressed a button
  | 'command' // the rep sent a command
  | 'reply' // the bot answered
  | 'classified'
  | 'corrected' // label = the classifier's label, detail = the rep's
  | 'walk_started'
  | 'step' // label = objection, detail = step id
  | 'walk_finished'
  | 'outcome' // label = objection, detail = booked | open | lost
  | 'rejected' // detail = why the input was refused
  | 'compliance_override' // the rep used a flagged text anyway: label = objection, detail = rule id, text = the text
  | 'refused'; // a manager command from someone who is not a manager

export interface AuditEntry extends Party {
  at: number;
  dialog?: string | null;
  kind: AuditKind;
  text?: string | null;
  label?: string | null;
  confidence?: number | null;
  detail?: string | null;
  data?: unknown;
  classifierVersion?: string | null;
}

interface AuditTable {
  id: Generated<number>;
  at: number;
  channel: string;
  chat_id: string;
  chat_type: string;
  user_id: string;
  user_name: string;
  kind: string;
  text: string | null;
  label: string | null;
  confidence: number | null;
  detail: string | null;
  data: string | null;
  classifier_version: string | null;
  /** The dialog (one customer quote and what followed) the row belongs to. */
  dialog: string | null;
}

/** One row per dialog: a summary kept up to date as the audit log grows, for the dashboard. */
interface DialogTable {
  id: string;
  at: number;
  channel: string;
  chat_id: string;
  user_id: string;
  user_name: string;
  quote: string;
  /** The classifier's label. */
  predicted: string;
  confidence: number;
  /** The rep's correction, if any. */
  corrected: string | null;
  /** The label the dialog ended up with (correction or walk). */
  label: string;
  started: ColumnType<number, number | undefined, number>;
  steps: ColumnType<number, number | undefined, number | RawBuilder<number>>;
  last_step: string | null;
  finished: ColumnType<number, number | undefined, number>;
  outcome: string | null;
  /** A manager's decision on the correction: accepted | rejected. */
  review: string | null;
  reviewed_by: string | null;
  reviewed_at: number | null;
}

interface SessionTable {
  channel: string;
  chat_id: string;
  user_id: string;
  state: string;
  version: number;
  updated_at: number;
}

interface ProcessedUpdateTable {
  source: string;
  update_id: string;
  at: number;
}

interface Database {
  audit: AuditTable;
  sessions: SessionTable;
  processed_updates: ProcessedUpdateTable;
  dialogs: DialogTable;
}

export type DialogRow = Selectable<DialogTable>;

/** A new dialog's summary row. */
export interface DialogStart {
  id: string;
  at: number;
  channel: string;
  chatId: string;
  userId: string;
  userName: string;
  quote: string;
  predicted: string;
  confidence: number;
}

/** What a turn changes in a dialog's summary. */
export interface DialogChange {
  corrected?: string;
  label?: string;
  started?: boolean;
  step?: string;
  finished?: boolean;
  outcome?: string;
}

export type AuditRow = Selectable<AuditTable>;

export interface SessionKey {
  channel: string;
  chatId: string;
  userId: string;
}

export interface StoredSession {
  state: unknown;
  version: number;
}

/** The figures behind /stats. */
export interface Stats {
  sinceMs: number;
  byLabel: Record<string, number>;
  byRep: { userId: string; userName: string; channel: string; total: number; byLabel: Record<string, number> }[];
  walksStarted: number;
  walksFinished: number;
  outcomes: Record<string, number>;
  /** Per label the classifier gave: how often it was given, and how often a rep corrected it. */
  corrections: Record<string, { classified: number; corrected: number }>;
}

export type StoreKind = 'sqlite' | 'postgres';

/** The migrations, in order. Each receives the dialect, for the few types that differ. */
function migrations(kind: StoreKind): Record<string, Migration> {
  return {
    '001_sessions_and_audit': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('sessions')
          .addColumn('channel', 'text', (c) => c.notNull())
          .addColumn('chat_id', 'text', (c) => c.notNull())
          .addColumn('user_id', 'text', (c) => c.notNull())
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('updated_at', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('sessions_pk', ['channel', 'chat_id', 'user_id'])
          .execute();
        await db.schema
          .createTable('audit')
          .addColumn('id', kind === 'postgres' ? 'bigserial' : 'integer', (c) => (kind === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
          .addColumn('at', 'bigint', (c) => c.notNull())
          .addColumn('channel', 'text', (c) => c.notNull())
          .addColumn('chat_id', 'text', (c) => c.notNull())
          .addColumn('chat_type', 'text', (c) => c.notNull())
          .addColumn('user_id', 'text', (c) => c.notNull())
          .addColumn('user_name', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('text', 'text')
          .addColumn('label', 'text')
          .addColumn('confidence', kind === 'postgres' ? 'double precision' : 'real')
          .addColumn('detail', 'text')
          .addColumn('data', 'text')
          .addColumn('classifier_version', 'text')
          .execute();
        await db.schema.createIndex('audit_at').on('audit').column('at').execute();
        await db.schema.createIndex('audit_kind_at').on('audit').columns(['kind', 'at']).execute();
        await db.schema.createIndex('audit_user_at').on('audit').columns(['user_id', 'at']).execute();
      },
    },
    '003_dialogs': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('audit').addColumn('dialog', 'text').execute();
        await db.schema.createIndex('audit_dialog').on('audit').columns(['dialog', 'id']).execute();
        await db.schema
          .createTable('dialogs')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('at', 'bigint', (c) => c.notNull())
          .addColumn('channel', 'text', (c) => c.notNull())
          .addColumn('chat_id', 'text', (c) => c.notNull())
          .addColumn('user_id', 'text', (c) => c.notNull())
          .addColumn('user_name', 'text', (c) => c.notNull())
          .addColumn('quote', 'text', (c) => c.notNull())
          .addColumn('predicted', 'text', (c) => c.notNull())
          .addColumn('confidence', kind === 'postgres' ? 'double precision' : 'real', (c) => c.notNull())
          .addColumn('corrected', 'text')
          .addColumn('label', 'text', (c) => c.notNull())
          .addColumn('started', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('steps', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('last_step', 'text')
          .addColumn('finished', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('outcome', 'text')
          .addColumn('review', 'text')
          .addColumn('reviewed_by', 'text')
          .addColumn('reviewed_at', 'bigint')
          .execute();
        await db.schema.createIndex('dialogs_at').on('dialogs').column('at').execute();
        await db.schema.createIndex('dialogs_user_at').on('dialogs').columns(['user_id', 'at']).execute();
        await db.schema.createIndex('dialogs_label_at').on('dialogs').columns(['label', 'at']).execute();
        await db.schema.createIndex('dialogs_corrected').on('dialogs').columns(['corrected', 'review']).execute();
      },
    },
    '002_processed_updates': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('processed_updates')
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('update_id', 'text', (c) => c.notNull())
          .addColumn('at', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('processed_updates_pk', ['source', 'update_id'])
          .execute();
        await db.schema.createIndex('processed_updates_at').on('processed_updates').column('at').execute();
      },
    },
  };
}

/** Thrown when a session could not be saved because another writer kept winning. */
export class ConcurrencyError extends Error {
  constructor(key: SessionKey, attempts: number) {
    super(`session ${key.channel}/${key.chatId}/${key.userId} changed under us ${attempts} times in a row; giving up`);
    this.name = 'ConcurrencyError';
  }
}

export class Store {
  readonly kind: StoreKind;
  readonly db: Kysely<Database>;

  private constructor(kind: StoreKind, db: Kysely<Database>) {
    this.kind = kind;
    this.db = db;
  }

  /** Opens SQLite at `file` (created with its folder if missing) and runs the migrations. */
  static async openSqlite(file: string): Promise<Store> {
    return Store.migrated('sqlite', new Kysely<Database>({ dialect: new SqliteDialect({ database: openSqliteDatabase(file) }) }));
  }

  /** Connects to PostgreSQL and runs the migrations (safe with several instances starting at once). */
  static async openPostgres(connectionString: string, options: { schema?: string; poolSize?: number } = {}): Promise<Store> {
    const pool = new pg.Pool({
      connectionString,
      max: options.poolSize ?? 10,
      options: options.schema ? `-c search_path=${options.schema}` : undefined,
      // bigint columns (ids, millisecond times, counts) come back as numbers, not strings.
      types: { getTypeParser: (oid: number, format?: string) => (oid === 20 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) },
    });
    return Store.migrated('postgres', new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }));
  }

  private static async migrated(kind: StoreKind, db: Kysely<Database>): Promise<Store> {
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations(kind) } });
    const { error } = await migrator.migrateToLatest();
    if (error) {
      await db.destroy();
      throw error instanceof Error ? error : new Error(String(error));
    }
    return new Store(kind, db);
  }

  async loadSession(key: SessionKey): Promise<StoredSession | null> {
    const row = await this.db
      .selectFrom('sessions')
      .select(['state', 'version'])
      .where('channel', '=', key.channel)
      .where('chat_id', '=', key.chatId)
      .where('user_id', '=', key.userId)
      .executeTakeFirst();
    return row ? { state: JSON.parse(row.state), version: Number(row.version) } : null;
  }

  /**
   * Writes `state` if the stored version is still `expectedVersion` (null: no session yet).
   * Returns the new version, or null when someone else wrote first.
   */
  async saveSession(key: SessionKey, state: unknown, expectedVersion: number | null, now = Date.now(), db: Kysely<Database> = this.db): Promise<number | null> {
    const json = JSON.stringify(state);
    if (expectedVersion === null) {
      const result = await db
        .insertInto('sessions')
        .values({ channel: key.channel, chat_id: key.chatId, user_id: key.userId, state: json, version: 1, updated_at: now })
        .onConflict((oc) => oc.columns(['channel', 'chat_id', 'user_id']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1 ? 1 : null;
    }
    const result = await db
      .updateTable('sessions')
      .set({ state: json, version: expectedVersion + 1, updated_at: now })
      .where('channel', '=', key.channel)
      .where('chat_id', '=', key.chatId)
      .where('user_id', '=', key.userId)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1 ? expectedVersion + 1 : null;
  }

  /** Appends rows to the audit log, in one transaction. */
  async append(entries: AuditEntry[], db: Kysely<Database> = this.db): Promise<void> {
    if (entries.length === 0) return;
    await db
      .insertInto('audit')
      .values(
        entries.map((e) => ({
          at: e.at,
          channel: e.channel,
          chat_id: e.chatId,
          chat_type: e.chatType,
          user_id: e.userId,
          user_name: e.userName,
          kind: e.kind,
          text: e.text === undefined || e.text === null ? null : storable(e.text),
          label: e.label ?? null,
          confidence: e.confidence ?? null,
          detail: e.detail ?? null,
          data: e.data === undefined ? null : JSON.stringify(e.data),
          classifier_version: e.classifierVersion ?? null,
          dialog: e.dialog ?? null,
        })),
      )
      .execute();
  }

  /** Audit rows since `sinceMs`, oldest first (optionally only one user's). */
  async rowsSince(sinceMs: number, options: { userId?: string; limit?: number } = {}): Promise<AuditRow[]> {
    let query = this.db.selectFrom('audit').selectAll().where('at', '>=', sinceMs);
    if (options.userId) query = query.where('user_id', '=', options.userId);
    const rows = await query.orderBy('id', 'asc').limit(options.limit ?? 1_000_000).execute();
    return rows.map(normaliseRow);
  }

  /** The last `limit` rows, newest first; optionally of the reps whose id or name matches `rep`. */
  async latestRows(limit: number, rep?: string): Promise<AuditRow[]> {
    let query = this.db.selectFrom('audit').selectAll();
    if (rep) {
      const like = `%${rep.toLowerCase()}%`;
      query = query.where((eb) => eb.or([eb('user_id', '=', rep), eb(sql<string>`lower(user_name)`, 'like', like)]));
    }
    const rows = await query.orderBy('id', 'desc').limit(limit).execute();
    return rows.map(normaliseRow);
  }

  /** The figures behind /stats, since `sinceMs`. */
  async stats(sinceMs: number): Promise<Stats> {
    const counts = await this.db
      .selectFrom('audit')
      .select(['kind', 'label', 'detail', 'user_id', 'user_name', 'channel', (eb) => eb.fn.countAll<number>().as('n')])
      .where('at', '>=', sinceMs)
      .where('kind', 'in', ['classified', 'corrected', 'walk_started', 'walk_finished', 'outcome'])
      .groupBy(['kind', 'label', 'detail', 'user_id', 'user_name', 'channel'])
      .execute();
    const stats: Stats = { sinceMs, byLabel: {}, byRep: [], walksStarted: 0, walksFinished: 0, outcomes: {}, corrections: {} };
    const reps = new Map<string, Stats['byRep'][number]>();
    for (const row of counts) {
      const n = Number(row.n);
      const label = row.label ?? '';
      if (row.kind === 'classified') {
        stats.byLabel[label] = (stats.byLabel[label] ?? 0) + n;
        (stats.corrections[label] ??= { classified: 0, corrected: 0 }).classified += n;
        const repKey = `${row.channel}:${row.user_id}`;
        const rep = reps.get(repKey) ?? { userId: row.user_id, userName: row.user_name, channel: row.channel, total: 0, byLabel: {} };
        rep.total += n;
        rep.byLabel[label] = (rep.byLabel[label] ?? 0) + n;
        reps.set(repKey, rep);
      } else if (row.kind === 'corrected') {
        (stats.corrections[label] ??= { classified: 0, corrected: 0 }).corrected += n;
      } else if (row.kind === 'walk_started') stats.walksStarted += n;
      else if (row.kind === 'walk_finished') stats.walksFinished += n;
      else if (row.kind === 'outcome') stats.outcomes[row.detail ?? ''] = (stats.outcomes[row.detail ?? ''] ?? 0) + n;
    }
    stats.byRep = [...reps.values()].sort((a, b) => b.total - a.total);
    return stats;
  }

  /** Opens the summary row of a new dialog. */
  async startDialog(dialog: DialogStart, db: Kysely<Database> = this.db): Promise<void> {
    await db
      .insertInto('dialogs')
      .values({
        id: dialog.id,
        at: dialog.at,
        channel: dialog.channel,
        chat_id: dialog.chatId,
        user_id: dialog.userId,
        user_name: dialog.userName,
        quote: storable(dialog.quote),
        predicted: dialog.predicted,
        confidence: dialog.confidence,
        label: dialog.predicted,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }

  /** Applies what a turn changed to a dialog's summary. */
  async updateDialog(id: string, change: DialogChange, db: Kysely<Database> = this.db): Promise<void> {
    const set: Updateable<DialogTable> = {};
    if (change.corrected !== undefined) set.corrected = change.corrected;
    if (change.label !== undefined) set.label = change.label;
    if (change.started) set.started = 1;
    if (change.finished) set.finished = 1;
    if (change.outcome !== undefined) set.outcome = change.outcome;
    if (change.step !== undefined) {
      set.last_step = change.step;
      set.steps = sql<number>`steps + 1`;
    }
    if (Object.keys(set).length === 0) return;
    await db.updateTable('dialogs').set(set).where('id', '=', id).execute();
  }

  /**
   * Commits one turn at once: the session (if it is still at `expectedVersion`), the turn's audit
   * rows and its dialog summary. Returns the new session version, or null — with nothing
   * written — when another writer changed the session first.
   */
  async commitTurn(turn: {
    key: SessionKey;
    state: unknown;
    expectedVersion: number | null;
    now: number;
    rows: AuditEntry[];
    dialog?: { id: string; start?: DialogStart; change: DialogChange };
  }): Promise<number | null> {
    return this.db.transaction().execute(async (trx) => {
      const version = await this.saveSession(turn.key, turn.state, turn.expectedVersion, turn.now, trx);
      if (version === null) return null;
      await this.append(turn.rows, trx);
      if (turn.dialog?.start) await this.startDialog(turn.dialog.start, trx);
      if (turn.dialog) await this.updateDialog(turn.dialog.id, turn.dialog.change, trx);
      return version;
    });
  }

  /**
   * Claims an incoming update (a Telegram update_id, a Teams activity id) for processing.
   * False when it was claimed before: a duplicate delivery, to be skipped. Works across instances.
   */
  async claimUpdate(source: string, updateId: string, now = Date.now()): Promise<boolean> {
    const result = await this.db
      .insertInto('processed_updates')
      .values({ source, update_id: updateId, at: now })
      .onConflict((oc) => oc.columns(['source', 'update_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  /** Forgets claimed updates older than `beforeMs` (Telegram redelivers for a day at most). */
  async pruneClaims(beforeMs: number): Promise<number> {
    const result = await this.db.deleteFrom('processed_updates').where('at', '<', beforeMs).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Deletes audit rows older than `beforeMs`; returns how many. */
  async prune(beforeMs: number): Promise<number> {
    const result = await this.db.deleteFrom('audit').where('at', '<', beforeMs).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}

/** PostgreSQL text cannot hold NUL; keep it visible instead of failing the insert. */
function storable(text: string): string {
  return text.includes('\u0000') ? text.replace(/\u0000/g, '\\u0000') : text;
}

function normaliseRow(row: AuditRow): AuditRow {
  return { ...row, id: Number(row.id), at: Number(row.at), confidence: row.confidence === null ? null : Number(row.confidence) };
}
