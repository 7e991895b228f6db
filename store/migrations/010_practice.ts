/**
 * Migration 010_practice: practice rounds kept apart from real work — an `audit.practice` flag
 * (1 on every row of a practice turn, which no real statistic counts) — and a small `settings`
 * table for team-wide switches every instance reads (a manager allowing the team's real quotes
 * as practice openings). Idempotent: the column is added only when missing, the table and
 * index only if they do not exist.
 */
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { StoreKind } from '../schema.ts';

export function migration(_kind: StoreKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const tables = await db.introspection.getTables();
      const audit = tables.find((t) => t.name === 'audit');
      if (audit && !audit.columns.some((c) => c.name === 'practice')) {
        await db.schema.alterTable('audit').addColumn('practice', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      }
      // Practice history per rep: the finished rounds of one user.
      await db.schema.createIndex('audit_kind_user_at').ifNotExists().on('audit').columns(['kind', 'user_id', 'at']).execute();
      await db.schema
        .createTable('settings')
        .ifNotExists()
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  };
}
