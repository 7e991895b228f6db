/**
 * Migration 006_reminders: the follow-up reminders a deal schedules (the day of a booked
 * meeting, the outcome question after it, a re-contact after a timing stall, proposing the
 * meeting again after a trust walk). The table is the queue: any instance may claim a due row
 * (on PostgreSQL with SKIP LOCKED), so each reminder is sent once across instances and a
 * reminder due while every instance was down is still there when one starts.
 * Idempotent (IF NOT EXISTS).
 */
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export function migration(_kind: 'sqlite' | 'postgres'): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('reminders')
        .ifNotExists()
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('chat_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('deal_id', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('lang', 'text', (c) => c.notNull())
        .addColumn('time_zone', 'text')
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('due_at', 'bigint', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
        .addColumn('lease_until', 'bigint')
        .addColumn('sent_at', 'bigint')
        .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('reminders_due').ifNotExists().on('reminders').columns(['status', 'next_attempt_at']).execute();
      await db.schema.createIndex('reminders_deal').ifNotExists().on('reminders').column('deal_id').execute();
      await db.schema.createIndex('reminders_user').ifNotExists().on('reminders').columns(['channel', 'user_id', 'status']).execute();
    },
  };
}
