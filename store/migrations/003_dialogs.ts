/** Migration 003: dialogs — audit rows name their dialog; one summary row per dialog for the dashboard. */
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { StoreKind } from '../schema.ts';

export function migration(kind: StoreKind): Migration {
  return {
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
  };
}
