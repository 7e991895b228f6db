/** Migration 002: the deliveries already processed (a Telegram update id, a Teams activity id). */
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { StoreKind } from '../schema.ts';

export function migration(_kind: StoreKind): Migration {
  return {
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
  };
}
