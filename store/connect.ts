/**
 * Opening a database: embedded SQLite (node:sqlite) or PostgreSQL (pg) behind one Kysely query
 * layer, migrated to the latest schema before anything else runs.
 */
import { Kysely, PostgresDialect, SqliteDialect, sql, type LogEvent } from 'kysely';
import { Migrator } from 'kysely/migration';
import { migrationsFor } from './migrations/index.ts';
import type { Database, Db, StoreKind } from './schema.ts';
import { openSqliteDatabase } from './sqlite.ts';

export interface ConnectOptions {
  /** Called with the SQL of every statement sent, `begin` and `commit` included (benches count trips). */
  onQuery?: (sql: string) => void;
}

export interface PostgresOptions extends ConnectOptions {
  /** The schema to use (search_path); the database's default when absent. */
  schema?: string;
  poolSize?: number;
}

function logOption(options: ConnectOptions): ((event: LogEvent) => void) | undefined {
  const onQuery = options.onQuery;
  return onQuery ? (event) => event.level === 'query' && onQuery(event.query.sql) : undefined;
}

/** Opens SQLite at `file` (created with its folder if missing; `:memory:` for a scratch one). */
export async function connectSqlite(file: string, options: ConnectOptions = {}): Promise<Db> {
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: openSqliteDatabase(file) }), log: logOption(options) });
  return migrated('sqlite', db);
}

/** Connects to PostgreSQL (safe with several instances starting and migrating at once); pg is loaded only then. */
export async function connectPostgres(connectionString: string, options: PostgresOptions = {}): Promise<Db> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString,
    max: options.poolSize ?? 10,
    options: options.schema ? `-c search_path=${options.schema}` : undefined,
    // bigint columns (ids, millisecond times, counts) come back as numbers, not strings.
    types: { getTypeParser: (oid: number, format?: string) => (oid === 20 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) },
  });
  return migrated('postgres', new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: logOption(options) }));
}

async function migrated(kind: StoreKind, db: Db): Promise<Db> {
  // The migration tables of OUR schema: without it, Kysely takes a `kysely_migration_lock` of
  // any schema of the database (another instance's, another test's) for ours, and fails.
  const schema = kind === 'postgres' ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema : undefined;
  // Unordered: migrations are numbered per branch and merged in any order; each is idempotent.
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrationsFor(kind) }, allowUnorderedMigrations: true, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    throw error instanceof Error ? error : new Error(String(error));
  }
  return db;
}
