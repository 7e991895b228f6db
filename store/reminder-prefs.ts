/**
 * What a rep chose about reminders, and where a proactive message reaches them.
 *
 *   prefs  `/remind off|on`, quiet hours (local hours, from-to, may wrap midnight); a rep with
 *          no row gets reminders at any hour
 *   refs   the channel's conversation reference for a chat (Teams needs one to write first),
 *          kept fresh from the rep's latest message; a reminder for a chat without one falls
 *          back to the rep's latest private chat
 */
import type { Db } from './schema.ts';
import { storable } from './schema.ts';

/** Quiet hours: local hours `from` (inclusive) to `to` (exclusive), 0-23; 22-8 wraps midnight. */
export interface QuietHours {
  from: number;
  to: number;
}

export interface ReminderPrefs {
  enabled: boolean;
  quiet: QuietHours | null;
}

export const DEFAULT_PREFS: ReminderPrefs = { enabled: true, quiet: null };

/** A rep's settings (the defaults when they never set any). */
export async function reminderPrefsOf(db: Db, channel: string, userId: string): Promise<ReminderPrefs> {
  const row = await db.selectFrom('reminder_prefs').selectAll().where('channel', '=', channel).where('user_id', '=', userId).executeTakeFirst();
  if (!row) return DEFAULT_PREFS;
  const quiet = row.quiet_from === null || row.quiet_to === null ? null : { from: Number(row.quiet_from), to: Number(row.quiet_to) };
  return { enabled: Number(row.enabled) === 1, quiet };
}

/** Changes a rep's settings (what `change` names; the rest stays); returns the new settings. */
export async function setReminderPrefs(db: Db, channel: string, userId: string, change: Partial<ReminderPrefs>, now: number): Promise<ReminderPrefs> {
  const next = { ...(await reminderPrefsOf(db, channel, userId)), ...change };
  const values = { enabled: next.enabled ? 1 : 0, quiet_from: next.quiet?.from ?? null, quiet_to: next.quiet?.to ?? null, updated_at: now };
  await db
    .insertInto('reminder_prefs')
    .values({ channel, user_id: userId, ...values })
    .onConflict((oc) => oc.columns(['channel', 'user_id']).doUpdateSet(values))
    .execute();
  return next;
}

/** A stored conversation reference. */
export interface ConversationRef {
  channel: string;
  chatId: string;
  userId: string;
  personal: boolean;
  /** The channel's own reference (Teams: a ConversationReference), as JSON-friendly data. */
  reference: unknown;
}

/** Stores (or refreshes) where a rep can be reached in a chat. */
export async function saveConversationRef(db: Db, ref: ConversationRef, now: number): Promise<void> {
  const values = { personal: ref.personal ? 1 : 0, reference: storable(JSON.stringify(ref.reference)), updated_at: now };
  await db
    .insertInto('conversation_refs')
    .values({ channel: ref.channel, chat_id: ref.chatId, user_id: ref.userId, ...values })
    .onConflict((oc) => oc.columns(['channel', 'chat_id', 'user_id']).doUpdateSet(values))
    .execute();
}

/** The reference for a rep in a chat; else the rep's latest private chat on that channel. */
export async function conversationRefOf(db: Db, channel: string, chatId: string, userId: string): Promise<ConversationRef | undefined> {
  const exact = await db.selectFrom('conversation_refs').selectAll().where('channel', '=', channel).where('chat_id', '=', chatId).where('user_id', '=', userId).executeTakeFirst();
  const row =
    exact ??
    (await db.selectFrom('conversation_refs').selectAll().where('channel', '=', channel).where('user_id', '=', userId).where('personal', '=', 1).orderBy('updated_at', 'desc').limit(1).executeTakeFirst());
  return row ? { channel: row.channel, chatId: row.chat_id, userId: row.user_id, personal: Number(row.personal) === 1, reference: JSON.parse(row.reference) } : undefined;
}

/** Forgets references not refreshed since `beforeMs` (the rep has not written since); returns how many. */
export async function pruneConversationRefs(db: Db, beforeMs: number): Promise<number> {
  const result = await db.deleteFrom('conversation_refs').where('updated_at', '<', beforeMs).executeTakeFirst();
  return Number(result.numDeletedRows);
}
