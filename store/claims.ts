/**
 * Processed deliveries and their outbox: a Telegram update or Teams activity is marked done in
 * the transaction of the turn it produced (see turns.ts), together with the replies that turn
 * answered. The channel then takes the replies in order and each one taken is counted (`sent`);
 * a delivery seen again is a duplicate — its turn is not run twice, and only the replies not yet
 * counted are sent (a process killed between the commit and the sends loses nothing). Nothing
 * but the id, the time and the (already redacted) replies is kept, and only for a day.
 */
import type { Db, Delivery } from './schema.ts';

/** Marks `delivery` done with the replies to send; false when it was already (another delivery of the same update). */
export async function claimDelivery(db: Db, delivery: Delivery, at: number, replies: readonly unknown[] = []): Promise<boolean> {
  const result = await db
    .insertInto('processed_updates')
    .values({ source: delivery.source, update_id: delivery.updateId, at, replies: replies.length ? JSON.stringify(replies) : null, sent: 0 })
    .onConflict((oc) => oc.columns(['source', 'update_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** The replies of a committed delivery that the channel has not taken yet, and how many it has. */
export async function unsentReplies(db: Db, delivery: Delivery): Promise<{ replies: unknown[]; sent: number }> {
  const row = await db.selectFrom('processed_updates').select(['replies', 'sent']).where('source', '=', delivery.source).where('update_id', '=', delivery.updateId).executeTakeFirst();
  if (!row?.replies) return { replies: [], sent: 0 };
  const all = JSON.parse(row.replies) as unknown[];
  return { replies: all.slice(row.sent), sent: row.sent };
}

/** Counts the first `count` replies of `delivery` as taken by the channel (never fewer than before). */
export async function markSent(db: Db, delivery: Delivery, count: number): Promise<void> {
  await db.updateTable('processed_updates').set({ sent: count }).where('source', '=', delivery.source).where('update_id', '=', delivery.updateId).where('sent', '<', count).execute();
}

/** Forgets deliveries older than `beforeMs` (Telegram redelivers for a day at most); returns how many. */
export async function pruneClaims(db: Db, beforeMs: number): Promise<number> {
  const result = await db.deleteFrom('processed_updates').where('at', '<', beforeMs).executeTakeFirst();
  return Number(result.numDeletedRows);
}
