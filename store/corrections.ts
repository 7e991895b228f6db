/**
 * The reps' corrections a manager accepted (migration 009): training data every instance reads.
 * `record` is called inside the review's transaction; `version` is the cheap question each
 * instance polls ("did the set change?"), `all` what it retrains on when it did.
 */
import { sql } from 'kysely';
import { storable, type CorrectionRow, type Db } from './schema.ts';

export interface AcceptedCorrection {
  dialog: string;
  text: string;
  label: string;
  was: string;
  acceptedBy: string;
  acceptedAt: number;
}

/** Records an accepted correction (nothing if that dialog's is recorded already). */
export async function recordCorrection(db: Db, c: AcceptedCorrection): Promise<void> {
  await db
    .insertInto('corrections')
    .values({ dialog: c.dialog, text: storable(c.text), label: c.label, was: c.was, accepted_by: c.acceptedBy, accepted_at: c.acceptedAt })
    .onConflict((oc) => oc.column('dialog').doNothing())
    .execute();
}

/** Every accepted correction, oldest first (a stable order: the same set trains the same model). */
export async function allCorrections(db: Db): Promise<AcceptedCorrection[]> {
  const rows = await db.selectFrom('corrections').selectAll().orderBy('accepted_at').orderBy('dialog').execute();
  return rows.map((r: CorrectionRow) => ({ dialog: r.dialog, text: r.text, label: r.label, was: r.was, acceptedBy: r.accepted_by, acceptedAt: Number(r.accepted_at) }));
}

/** A short value that changes when the set of corrections does (count and newest time): one indexed query. */
export async function correctionsVersion(db: Db): Promise<string> {
  const row = await db
    .selectFrom('corrections')
    .select([sql<number>`count(*)`.as('n'), sql<number | null>`max(accepted_at)`.as('newest')])
    .executeTakeFirstOrThrow();
  return `${Number(row.n)}:${row.newest === null ? 0 : Number(row.newest)}`;
}

/** Takes one back (a manager's withdrawal); true when there was one. */
export async function withdrawCorrection(db: Db, dialog: string): Promise<boolean> {
  const result = await db.deleteFrom('corrections').where('dialog', '=', dialog).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export const correctionFunctions = { record: recordCorrection, all: allCorrections, version: correctionsVersion, withdraw: withdrawCorrection };
