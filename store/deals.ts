/**
 * The deals summary: one row per customer deal, written in the turn's transaction from the deal
 * as the engine left it, and the managers' pipeline read from it — open deals by type and age
 * (stalled longest first), outcomes after follow-ups, reminders sent versus acted on.
 */
import { sql } from 'kysely';
import type { Db } from './schema.ts';
import { storable } from './schema.ts';

/** A deal's summary as a turn writes it. */
export interface DealSummary {
  id: string;
  channel: string;
  chatId: string;
  userId: string;
  userName: string;
  alias: string | null;
  objection: string;
  types: string[];
  quotes: number;
  messages: number;
  closed: boolean;
  outcome: string | null;
  nextAt: number | null;
  followUp: { kind: string; at: number } | null;
  followedUp: boolean;
  openedAt: number;
  updatedAt: number;
}

/** Writes deals' summaries (insert, or update the row a turn before wrote). */
export async function saveDeals(db: Db, deals: readonly DealSummary[]): Promise<void> {
  for (const d of deals) {
    const values = {
      id: d.id,
      channel: d.channel,
      chat_id: d.chatId,
      user_id: d.userId,
      user_name: storable(d.userName),
      alias: d.alias === null ? null : storable(d.alias),
      objection: d.objection,
      types: d.types.join(','),
      quotes: d.quotes,
      messages: d.messages,
      status: d.closed ? 'closed' : 'open',
      outcome: d.outcome,
      next_at: d.nextAt,
      follow_up_kind: d.followUp?.kind ?? null,
      follow_up_at: d.followUp?.at ?? null,
      followed_up: d.followedUp ? 1 : 0,
      opened_at: d.openedAt,
      updated_at: d.updatedAt,
      closed_at: d.closed ? d.updatedAt : null,
    };
    const { id: _id, opened_at: _opened, ...update } = values;
    await db.insertInto('deals').values(values).onConflict((oc) => oc.column('id').doUpdateSet(update)).execute();
  }
}

/** An open deal in the pipeline. */
export interface PipelineDeal {
  id: string;
  userName: string;
  alias: string | null;
  objection: string;
  /** Days since the deal last moved. */
  ageDays: number;
  nextAt: number | null;
  followUp: { kind: string; at: number } | null;
}

/** The managers' pipeline. */
export interface Pipeline {
  /** Open deals, stalled longest first. */
  open: PipelineDeal[];
  /** Open deals by type and age bucket (days since the deal last moved: 0–2, 3–7, 8+). */
  byType: Record<string, { fresh: number; week: number; stalled: number }>;
  /** Outcomes recorded, with and without a follow-up before them. */
  outcomes: { outcome: string; afterFollowUp: boolean; deals: number }[];
  /** Reminders that went out, and deals whose rep acted on a reminder. */
  reminders: { sent: number; late: number; actedOn: number };
}

const DAY = 86_400_000;

/** The pipeline now (deals updated since `since`, if given, for outcomes; every open deal). */
export async function pipeline(db: Db, options: { now: number; since?: number; limit?: number }): Promise<Pipeline> {
  const { now, since = 0, limit = 200 } = options;
  const rows = await db.selectFrom('deals').selectAll().where('status', '=', 'open').orderBy('updated_at').limit(limit).execute();
  const open = rows.map((r) => ({
    id: r.id,
    userName: r.user_name,
    alias: r.alias,
    objection: r.objection,
    ageDays: Math.max(0, Math.floor((now - Number(r.updated_at)) / DAY)),
    nextAt: r.next_at === null ? null : Number(r.next_at),
    followUp: r.follow_up_kind && r.follow_up_at !== null ? { kind: r.follow_up_kind, at: Number(r.follow_up_at) } : null,
  }));
  const byType: Pipeline['byType'] = {};
  for (const d of open) {
    const bucket = (byType[d.objection] ??= { fresh: 0, week: 0, stalled: 0 });
    if (d.ageDays <= 2) bucket.fresh++;
    else if (d.ageDays <= 7) bucket.week++;
    else bucket.stalled++;
  }
  const outcomeRows = await db
    .selectFrom('deals')
    .select(['outcome', 'followed_up', sql<number>`count(*)`.as('n')])
    .where('outcome', 'is not', null)
    .where('updated_at', '>=', since)
    .groupBy(['outcome', 'followed_up'])
    .execute();
  const outcomes = outcomeRows.map((r) => ({ outcome: r.outcome!, afterFollowUp: Number(r.followed_up) === 1, deals: Number(r.n) }));
  const sentRow = await db
    .selectFrom('reminders')
    .select([sql<number>`count(*)`.as('sent'), sql<number>`coalesce(sum(late), 0)`.as('late')])
    .where('status', '=', 'sent')
    .where('created_at', '>=', since)
    .executeTakeFirst();
  const acted = await db.selectFrom('deals').select(sql<number>`count(*)`.as('n')).where('followed_up', '=', 1).where('updated_at', '>=', since).executeTakeFirst();
  return { open, byType, outcomes, reminders: { sent: Number(sentRow?.sent ?? 0), late: Number(sentRow?.late ?? 0), actedOn: Number(acted?.n ?? 0) } };
}

/** Deletes the summaries of deals closed before `beforeMs`; returns how many. */
export async function pruneDeals(db: Db, beforeMs: number): Promise<number> {
  const result = await db.deleteFrom('deals').where('status', '=', 'closed').where('updated_at', '<', beforeMs).executeTakeFirst();
  return Number(result.numDeletedRows);
}
