/** Migration 004: sessions indexed by last use, for retention (idle sessions are forgotten). */
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { StoreKind } from '../schema.ts';

export function migration(_kind: StoreKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.createIndex('sessions_updated_at').on('sessions').column('updated_at').execute();
    },
  };
}
