/** The dialogs summary: one row per customer quote and what followed, kept in step with the audit log. */
import { sql, type Updateable } from 'kysely';
import { storable, type DialogChange, type DialogRow, type DialogStart, type DialogTable, type Db } from './schema.ts';

/** Opens the summary row of a new dialog (nothing if it exists). */
export async function startDialog(db: Db, dialog: DialogStart): Promise<void> {
  await db
    .insertInto('dialogs')
    .values({
      id: dialog.id,
      at: dialog.at,
      channel: dialog.channel,
      chat_id: dialog.chatId,
      user_id: dialog.userId,
      user_name: dialog.userName,
      quote: storable(dialog.quote),
      predicted: dialog.predicted,
      confidence: dialog.confidence,
      label: dialog.predicted,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/** Applies what a turn changed to a dialog's summary (no statement when nothing changed). */
export async function updateDialog(db: Db, id: string, change: DialogChange): Promise<void> {
  const set: Updateable<DialogTable> = {};
  if (change.corrected !== undefined) set.corrected = change.corrected;
  if (change.label !== undefined) set.label = change.label;
  if (change.started) set.started = 1;
  if (change.finished) set.finished = 1;
  if (change.outcome !== undefined) set.outcome = change.outcome;
  if (change.step !== undefined) {
    set.last_step = change.step;
    set.steps = sql<number>`steps + 1`;
  }
  if (Object.keys(set).length === 0) return;
  await db.updateTable('dialogs').set(set).where('id', '=', id).execute();
}

/** Deletes the summaries of dialogs begun before `beforeMs`; returns how many. */
export async function pruneDialogs(db: Db, beforeMs: number): Promise<number> {
  const result = await db.deleteFrom('dialogs').where('at', '<', beforeMs).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Numbers as numbers on both databases. */
export function normaliseDialog(row: DialogRow): DialogRow {
  return {
    ...row,
    at: Number(row.at),
    confidence: Number(row.confidence),
    started: Number(row.started),
    steps: Number(row.steps),
    finished: Number(row.finished),
    reviewed_at: row.reviewed_at === null ? null : Number(row.reviewed_at),
  };
}
