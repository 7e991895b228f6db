/**
 * Migration 007_deals: one summary row per customer deal (the engine keeps the deal itself in
 * the rep's session), written in the turn's transaction like the dialogs summary — the
 * managers' pipeline of open deals by type and age, and outcomes after follow-ups.
 * Idempotent (IF NOT EXISTS).
 */
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export function migration(_kind: 'sqlite' | 'postgres'): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('deals')
        .ifNotExists()
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('chat_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('user_name', 'text', (c) => c.notNull())
        .addColumn('alias', 'text')
        .addColumn('objection', 'text', (c) => c.notNull())
        .addColumn('types', 'text', (c) => c.notNull())
        .addColumn('quotes', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('messages', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
        .addColumn('outcome', 'text')
        .addColumn('next_at', 'bigint')
        .addColumn('follow_up_kind', 'text')
        .addColumn('follow_up_at', 'bigint')
        .addColumn('followed_up', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('opened_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('closed_at', 'bigint')
        .execute();
      await db.schema.createIndex('deals_status').ifNotExists().on('deals').columns(['status', 'updated_at']).execute();
      await db.schema.createIndex('deals_user').ifNotExists().on('deals').columns(['channel', 'user_id']).execute();
    },
  };
}
