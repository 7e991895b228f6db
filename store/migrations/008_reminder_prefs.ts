/**
 * Migration 008_reminder_prefs: what a rep chose about reminders (`/remind off`, quiet hours)
 * and where a proactive message can reach them — the conversation reference a channel needs to
 * write first (Teams), captured from the rep's latest message. Idempotent (IF NOT EXISTS).
 */
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export function migration(_kind: 'sqlite' | 'postgres'): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('reminder_prefs')
        .ifNotExists()
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('quiet_from', 'integer')
        .addColumn('quiet_to', 'integer')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('reminder_prefs_pk', ['channel', 'user_id'])
        .execute();
      await db.schema
        .createTable('conversation_refs')
        .ifNotExists()
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('chat_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('personal', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('reference', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('conversation_refs_pk', ['channel', 'chat_id', 'user_id'])
        .execute();
      await db.schema.createIndex('conversation_refs_user').ifNotExists().on('conversation_refs').columns(['channel', 'user_id', 'updated_at']).execute();
    },
  };
}
