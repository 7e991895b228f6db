/**
 * Migration 009_corrections: the reps' corrections a manager accepted, kept as training data that
 * every instance reads (the classifier retrains on them in the background). One row per reviewed
 * dialog, so an accept is recorded once however often it is sent. Idempotent (IF NOT EXISTS).
 *
 * A table of its own rather than the dialogs table's review columns: dialog summaries are
 * forgotten after RETENTION_DAYS, and the model must not silently unlearn (and change version)
 * when they are; the index on `accepted_at` makes the instances' poll one cheap query.
 */
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export function migration(_kind: 'sqlite' | 'postgres'): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('corrections')
        .ifNotExists()
        .addColumn('dialog', 'text', (c) => c.primaryKey())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('was', 'text', (c) => c.notNull())
        .addColumn('accepted_by', 'text', (c) => c.notNull())
        .addColumn('accepted_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('corrections_accepted_at').ifNotExists().on('corrections').column('accepted_at').execute();
    },
  };
}
