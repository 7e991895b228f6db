/**
 * Migration 011_delivery_outbox: a delivery's replies kept with its claim, as an outbox. The
 * turn that marks a delivery done also records what it answered (`replies`, JSON) and how many
 * of them the channel has taken so far (`sent`); a redelivery of a committed delivery sends the
 * rest (see store/claims.ts). Idempotent: columns that exist already are left alone.
 */
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { StoreKind } from '../schema.ts';

export function migration(_kind: StoreKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const tables = await db.introspection.getTables();
      const columns = new Set(tables.find((t) => t.name === 'processed_updates')?.columns.map((c) => c.name) ?? []);
      if (!columns.has('replies')) await db.schema.alterTable('processed_updates').addColumn('replies', 'text').execute();
      if (!columns.has('sent')) await db.schema.alterTable('processed_updates').addColumn('sent', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    },
  };
}
