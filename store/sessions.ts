/**
 * Coaching sessions, keyed by (channel, chat, user), stored as opaque JSON with a version:
 * `saveSession` only writes over the version it read, so two instances handling the same chat
 * never silently overwrite each other — the loser is told and tries again.
 */
import type { Db, SessionKey, StoredSession } from './schema.ts';

/** The session of `key`, or null. `lock` (PostgreSQL, inside a transaction): hold its row until commit. */
export async function loadSession(db: Db, key: SessionKey, lock = false): Promise<StoredSession | null> {
  let query = db
    .selectFrom('sessions')
    .select(['state', 'version'])
    .where('channel', '=', key.channel)
    .where('chat_id', '=', key.chatId)
    .where('user_id', '=', key.userId);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? { state: JSON.parse(row.state), version: Number(row.version) } : null;
}

/**
 * Writes `state` if the stored version is still `expectedVersion` (null: no session yet).
 * Returns the new version, or null when someone else wrote first.
 */
export async function saveSession(db: Db, key: SessionKey, state: unknown, expectedVersion: number | null, now = Date.now()): Promise<number | null> {
  const json = JSON.stringify(state);
  if (expectedVersion === null) {
    const result = await db
      .insertInto('sessions')
      .values({ channel: key.channel, chat_id: key.chatId, user_id: key.userId, state: json, version: 1, updated_at: now })
      .onConflict((oc) => oc.columns(['channel', 'chat_id', 'user_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1 ? 1 : null;
  }
  const result = await db
    .updateTable('sessions')
    .set({ state: json, version: expectedVersion + 1, updated_at: now })
    .where('channel', '=', key.channel)
    .where('chat_id', '=', key.chatId)
    .where('user_id', '=', key.userId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? expectedVersion + 1 : null;
}

/** Forgets sessions not used since `beforeMs`; returns how many. */
export async function pruneSessions(db: Db, beforeMs: number): Promise<number> {
  const result = await db.deleteFrom('sessions').where('updated_at', '<', beforeMs).executeTakeFirst();
  return Number(result.numDeletedRows);
}
