/**
 * The two real databases the store tests run against: SQLite in a temporary folder, and
 * PostgreSQL when TEST_DATABASE_URL is set (.ci/run sets it), each test file in a schema of its
 * own that is dropped afterwards. Without PostgreSQL those tests are skipped, loudly.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { Store } from '../../store/store.ts';

export const PG_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;
if (!PG_URL) {
  process.stderr.write('\n⚠️  TEST_DATABASE_URL is not set: the PostgreSQL store tests are SKIPPED (SQLite still runs). .ci/run sets it.\n\n');
}

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** Opens a store on a fresh, empty database. Call again for a second connection to the same one. */
  open(): Promise<Store>;
  /** A second, independent connection (pool) to the same database. */
  reopen(): Promise<Store>;
  cleanup(): Promise<void>;
}

export function sqliteBackend(): Backend {
  const file = join(mkdtempSync(join(tmpdir(), 'coach-store-')), 'test.db');
  return { name: 'sqlite', open: () => Store.openSqlite(file), reopen: () => Store.openSqlite(file), cleanup: async () => {} };
}

export function postgresBackend(): Backend {
  const schema = `t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = () => new pg.Client({ connectionString: PG_URL });
  return {
    name: 'postgres',
    async open() {
      const client = admin();
      await client.connect();
      await client.query(`create schema ${schema}`);
      await client.end();
      return Store.openPostgres(PG_URL!, { schema, poolSize: 4 });
    },
    reopen: () => Store.openPostgres(PG_URL!, { schema, poolSize: 4 }),
    async cleanup() {
      const client = admin();
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    },
  };
}

/** The backends to run: SQLite always, PostgreSQL when available. */
export const BACKENDS: { name: string; make: () => Backend; skip: boolean }[] = [
  { name: 'sqlite', make: sqliteBackend, skip: false },
  { name: 'postgres', make: postgresBackend, skip: !PG_URL },
];

/**
 * Opens a store on a fresh database of `spec`'s backend before the tests of the enclosing
 * describe block, hands it to `ready` (with the backend, for a second connection), and closes
 * and drops it after. A skipped backend opens nothing.
 */
export function withStore(spec: { make: () => Backend; skip: boolean }, ready: (store: Store, backend: Backend) => void | Promise<void>, timeoutMs?: number): void {
  let backend: Backend | undefined;
  let store: Store | undefined;
  beforeAll(async () => {
    if (spec.skip) return;
    backend = spec.make();
    store = await backend.open();
    await ready(store, backend);
  }, timeoutMs);
  afterAll(async () => {
    await store?.close();
    await backend?.cleanup();
  });
}
