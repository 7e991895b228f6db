/**
 * Processed deliveries: a Telegram update or Teams activity is marked done in the transaction of
 * the turn it produced (see turns.ts). A delivery seen again is a duplicate: its turn is not run
 * twice. Nothing but the id and the time is kept.
 */
import type { Db, Delivery } from './schema.ts';

/** Marks `delivery` done; false when it was already (another delivery of the same update). */
export async function claimDelivery(db: Db, delivery: Delivery, at: number): Promise<boolean> {
  const result = await db
    .insertInto('processed_updates')
    .values({ source: delivery.source, update_id: delivery.updateId, at })
    .onConflict((oc) => oc.columns(['source', 'update_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Forgets deliveries older than `beforeMs` (Telegram redelivers for a day at most); returns how many. */
export async function pruneClaims(db: Db, beforeMs: number): Promise<number> {
  const result = await db.deleteFrom('processed_updates').where('at', '<', beforeMs).executeTakeFirst();
  return Number(result.numDeletedRows);
}
