/**
 * Migration 004: a processed delivery keeps what its turn answered (sent again if the delivery
 * comes back after a crash between commit and send), and sessions are indexed by last use for
 * retention.
 */
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { StoreKind } from '../schema.ts';

export function migration(_kind: StoreKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('processed_updates').addColumn('answer', 'text').execute();
      await db.schema.createIndex('sessions_updated_at').on('sessions').column('updated_at').execute();
    },
  };
}
