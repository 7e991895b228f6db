/** Migration 001: coaching sessions (keyed by channel, chat and user, versioned) and the audit log. */
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { StoreKind } from '../schema.ts';

export function migration(kind: StoreKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('sessions')
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('chat_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('sessions_pk', ['channel', 'chat_id', 'user_id'])
        .execute();
      await db.schema
        .createTable('audit')
        .addColumn('id', kind === 'postgres' ? 'bigserial' : 'integer', (c) => (kind === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('chat_id', 'text', (c) => c.notNull())
        .addColumn('chat_type', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('user_name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('text', 'text')
        .addColumn('label', 'text')
        .addColumn('confidence', kind === 'postgres' ? 'double precision' : 'real')
        .addColumn('detail', 'text')
        .addColumn('data', 'text')
        .addColumn('classifier_version', 'text')
        .execute();
      await db.schema.createIndex('audit_at').on('audit').column('at').execute();
      await db.schema.createIndex('audit_kind_at').on('audit').columns(['kind', 'at']).execute();
      await db.schema.createIndex('audit_user_at').on('audit').columns(['user_id', 'at']).execute();
    },
  };
}
