/**
 * Migration 005_dashboard_auth: the dashboard's sign-in state that every instance must share —
 * used sign-in link nonces, revoked sessions and failed sign-in counters — in one small table of
 * keys that expire. Idempotent (IF NOT EXISTS), so running it over a database that has the table
 * changes nothing.
 */
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** The name the store's migrator registers this migration under. */
export const DASHBOARD_AUTH_MIGRATION = '005_dashboard_auth';

export function migration(_kind: 'sqlite' | 'postgres'): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('dashboard_auth')
        .ifNotExists()
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('hits', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('dashboard_auth_expires_at').ifNotExists().on('dashboard_auth').column('expires_at').execute();
    },
  };
}
