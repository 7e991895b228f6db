/**
 * Processed deliveries: a Telegram update or Teams activity is marked done in the transaction of
 * the turn it produced (see turns.ts), with what that turn answered. A delivery seen again is a
 * duplicate: its turn is not run twice, and its answer can be sent again.
 */
import type { Db, Delivery } from './schema.ts';

/** Marks `delivery` done; false when it was already (another delivery of the same update). */
export async function claimDelivery(db: Db, delivery: Delivery, at: number, answer: unknown): Promise<boolean> {
  const result = await db
    .insertInto('processed_updates')
    .values({ source: delivery.source, update_id: delivery.updateId, at, answer: answer === undefined ? null : JSON.stringify(answer) })
    .onConflict((oc) => oc.columns(['source', 'update_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Whether `delivery` is done, and what its turn answered (null when nothing was kept). */
export async function deliveryAnswer(db: Db, delivery: Delivery): Promise<{ answer: unknown } | undefined> {
  const row = await db
    .selectFrom('processed_updates')
    .select('answer')
    .where('source', '=', delivery.source)
    .where('update_id', '=', delivery.updateId)
    .executeTakeFirst();
  return row ? { answer: row.answer === null ? null : JSON.parse(row.answer) } : undefined;
}

/** Forgets deliveries older than `beforeMs` (Telegram redelivers for a day at most); returns how many. */
export async function pruneClaims(db: Db, beforeMs: number): Promise<number> {
  const result = await db.deleteFrom('processed_updates').where('at', '<', beforeMs).executeTakeFirst();
  return Number(result.numDeletedRows);
}
