/** The append-only audit log: what reps sent, what the bot answered, and what happened in between. */
import { sql } from 'kysely';
import { storable, type AuditEntry, type AuditRow, type Db } from './schema.ts';

/** Appends rows to the audit log, in one statement. */
export async function appendAudit(db: Db, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('audit')
    .values(
      entries.map((e) => ({
        at: e.at,
        channel: e.channel,
        chat_id: e.chatId,
        chat_type: e.chatType,
        user_id: e.userId,
        user_name: e.userName,
        kind: e.kind,
        text: e.text === undefined || e.text === null ? null : storable(e.text),
        label: e.label ?? null,
        confidence: e.confidence ?? null,
        detail: e.detail ?? null,
        data: e.data === undefined ? null : JSON.stringify(e.data),
        classifier_version: e.classifierVersion ?? null,
        dialog: e.dialog ?? null,
        practice: e.practice ? 1 : 0,
      })),
    )
    .execute();
}

/** Audit rows since `sinceMs`, oldest first (optionally only one user's). */
export async function auditSince(db: Db, sinceMs: number, options: { userId?: string; limit?: number } = {}): Promise<AuditRow[]> {
  let query = db.selectFrom('audit').selectAll().where('at', '>=', sinceMs);
  if (options.userId) query = query.where('user_id', '=', options.userId);
  const rows = await query.orderBy('id', 'asc').limit(options.limit ?? 1_000_000).execute();
  return rows.map(normaliseAuditRow);
}

/** The last `limit` rows, newest first; optionally of the reps whose id or name matches `rep`. */
export async function latestAudit(db: Db, limit: number, rep?: string): Promise<AuditRow[]> {
  let query = db.selectFrom('audit').selectAll();
  if (rep) {
    const like = `%${rep.toLowerCase()}%`;
    query = query.where((eb) => eb.or([eb('user_id', '=', rep), eb(sql<string>`lower(user_name)`, 'like', like)]));
  }
  const rows = await query.orderBy('id', 'desc').limit(limit).execute();
  return rows.map(normaliseAuditRow);
}

/** The audit rows of one dialog, in order. */
export async function dialogTranscript(db: Db, dialog: string): Promise<AuditRow[]> {
  const rows = await db.selectFrom('audit').selectAll().where('dialog', '=', dialog).orderBy('id', 'asc').execute();
  return rows.map(normaliseAuditRow);
}

/** Deletes audit rows older than `beforeMs`; returns how many. */
export async function pruneAudit(db: Db, beforeMs: number): Promise<number> {
  const result = await db.deleteFrom('audit').where('at', '<', beforeMs).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Numbers as numbers on both databases (PostgreSQL's bigint and double arrive as strings or numbers). */
export function normaliseAuditRow(row: AuditRow): AuditRow {
  return { ...row, id: Number(row.id), at: Number(row.at), confidence: row.confidence === null ? null : Number(row.confidence), practice: Number(row.practice ?? 0) };
}
