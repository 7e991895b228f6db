/**
 * Retention: what the store forgets, and when. Every table that holds conversation text or who
 * said it is covered — audit rows, dialog summaries and closed deals older than the window, sessions idle
 * longer than it, reminders done with (sent, failed, cancelled) due before it, conversation
 * references not refreshed within it — and processed deliveries after a day, the longest
 * Telegram redelivers. Pending reminders are kept whatever their age: they are still owed.
 */
import { pruneAudit } from './audit.ts';
import { pruneClaims } from './claims.ts';
import { pruneDeals } from './deals.ts';
import { pruneDialogs } from './dialogs.ts';
import { pruneConversationRefs } from './reminder-prefs.ts';
import { pruneReminders } from './reminders.ts';
import type { Db } from './schema.ts';
import { pruneSessions } from './sessions.ts';

export const DAY_MS = 86_400_000;
/** How long a processed delivery is remembered. */
export const CLAIM_RETENTION_MS = DAY_MS;

/** How many rows each table lost. */
export interface Pruned {
  audit: number;
  dialogs: number;
  /** Closed deals' summaries (open deals stay whatever their age). */
  deals: number;
  sessions: number;
  reminders: number;
  conversationRefs: number;
  processedUpdates: number;
}

/**
 * Deletes what is older than the window (`retentionDays`; absent: conversation data is kept,
 * only processed deliveries are forgotten after a day). One transaction per table, so a large
 * deletion does not hold every table at once.
 */
export async function pruneExpired(db: Db, options: { now: number; retentionDays?: number }): Promise<Pruned> {
  const processedUpdates = await pruneClaims(db, options.now - CLAIM_RETENTION_MS);
  if (!options.retentionDays) return { audit: 0, dialogs: 0, deals: 0, sessions: 0, reminders: 0, conversationRefs: 0, processedUpdates };
  const before = options.now - options.retentionDays * DAY_MS;
  return {
    audit: await pruneAudit(db, before),
    dialogs: await pruneDialogs(db, before),
    deals: await pruneDeals(db, before),
    sessions: await pruneSessions(db, before),
    reminders: await pruneReminders(db, before),
    conversationRefs: await pruneConversationRefs(db, before),
    processedUpdates,
  };
}
