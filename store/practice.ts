/**
 * Practice rounds in the store: a rep's finished rounds (`/practice stats`), the team's (the
 * dashboard's practice view), the team's recent real customer quotes a round may open with, and
 * the team-wide settings (whether a manager allowed those quotes). Practice rows are audit rows
 * with practice = 1; real figures (stats.ts, dashboard.ts) leave them out.
 */
import { OBJECTIONS } from '../data/vocabulary.ts';
import type { Db } from './schema.ts';

/** A finished practice round as recorded: who, when, and its result (the engine's, opaque here). */
export interface PracticeRow {
  at: number;
  channel: string;
  userId: string;
  userName: string;
  /** The round's result as the engine reported it (JSON). */
  result: unknown;
}

/** Finished practice rounds since `sinceMs`, oldest first; of one rep when `rep` is given. */
export async function finishedRounds(db: Db, sinceMs: number, rep?: { channel: string; userId: string }, limit = 10_000): Promise<PracticeRow[]> {
  let query = db
    .selectFrom('audit')
    .select(['at', 'channel', 'user_id', 'user_name', 'data'])
    .where('kind', '=', 'practice_finished')
    .where('practice', '=', 1)
    .where('at', '>=', sinceMs);
  if (rep) query = query.where('user_id', '=', rep.userId).where('channel', '=', rep.channel);
  const rows = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.reverse().flatMap((r) => {
    const event = parse(r.data) as { result?: unknown } | undefined;
    return event?.result ? [{ at: Number(r.at), channel: r.channel, userId: r.user_id, userName: r.user_name, result: event.result }] : [];
  });
}

/**
 * The team's recent customer quotes of an objection type (from the dialogs summary: real work
 * only, stored redacted), newest first — texts only, never who said them.
 */
export async function recentQuotes(db: Db, sinceMs: number, limit = 200): Promise<{ type: (typeof OBJECTIONS)[number]; text: string }[]> {
  const rows = await db
    .selectFrom('dialogs')
    .select(['label', 'quote'])
    .where('at', '>=', sinceMs)
    .where('label', 'in', [...OBJECTIONS])
    .orderBy('at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ type: r.label as (typeof OBJECTIONS)[number], text: r.quote }));
}

/** A team-wide setting's value, or undefined when never set. */
export async function getSetting(db: Db, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

/** Sets a team-wide setting (who and when are kept with it). */
export async function setSetting(db: Db, key: string, value: string, by: string, at: number): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value, updated_by: by, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_by: by, updated_at: at }))
    .execute();
}

function parse(data: string | null): unknown {
  if (!data) return undefined;
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}
