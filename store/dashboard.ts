/**
 * The managers' dashboard queries, over the dialogs summary and the audit log, on SQLite and
 * PostgreSQL alike: the overview figures, the filtered and paginated dialog table, one dialog's
 * transcript, and the reps' corrections with the managers' review of them.
 */
import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import { dialogTranscript } from './audit.ts';
import { recordCorrection } from './corrections.ts';
import { normaliseDialog } from './dialogs.ts';
import type { Db, DialogRow } from './schema.ts';
import { stepOf, type Override } from './stats.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface Period {
  sinceMs: number;
  untilMs: number;
}

export interface Overview {
  /** Dialogs per day (day = days since the epoch, in the viewer's time zone) and label. */
  perDay: { day: number; label: string; n: number }[];
  perRep: { userId: string; userName: string; channel: string; total: number; timing: number; deal_size: number; trust: number; none: number }[];
  funnel: { dialogs: number; started: number; finished: number; booked: number };
  /** Per label the classifier gave: dialogs, and how many a rep corrected. */
  corrections: { label: string; classified: number; corrected: number }[];
  /** Dialogs per hour of the day (0-23, in the viewer's time zone). */
  perHour: { hour: number; n: number }[];
}

export interface DialogFilter {
  rep?: string;
  label?: string;
  outcome?: string;
  q?: string;
  sinceMs?: number;
  untilMs?: number;
}

export interface DialogPage {
  rows: DialogRow[];
  total: number;
  page: number;
  pageSize: number;
}

/** Conditions of a filter, for any query over `dialogs`. */
function applyFilter<Q extends SelectQueryBuilder<any, 'dialogs', any>>(query: Q, filter: DialogFilter): Q {
  let q = query;
  if (filter.sinceMs !== undefined) q = q.where('at', '>=', filter.sinceMs) as Q;
  if (filter.untilMs !== undefined) q = q.where('at', '<', filter.untilMs) as Q;
  if (filter.label) q = q.where('label', '=', filter.label) as Q;
  if (filter.outcome === 'none') q = q.where('outcome', 'is', null) as Q;
  else if (filter.outcome) q = q.where('outcome', '=', filter.outcome) as Q;
  if (filter.rep) {
    const rep = filter.rep;
    q = q.where((eb: ExpressionBuilder<any, 'dialogs'>) => eb.or([eb('user_id', '=', rep), contains('user_name', rep)])) as Q;
  }
  if (filter.q) q = q.where(contains('quote', filter.q)) as Q;
  return q;
}

/** Case-insensitive "column contains text"; LIKE wildcards in the text are searched for, not interpreted. */
function contains(column: 'quote' | 'user_name', text: string) {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}

/** The overview of a period; `offsetMinutes` shifts days and hours into the viewer's time zone. */
export async function overview(db: Db, period: Period, offsetMinutes = 0): Promise<Overview> {
  // Inlined integer literals: the same expression in SELECT and GROUP BY (PostgreSQL insists),
  // and integer division on both databases.
  const shift = sql.lit(Math.trunc(offsetMinutes) * 60_000);
  const dayOf = sql<number>`(at + ${shift}) / ${sql.lit(DAY_MS)}`;
  const hourOf = sql<number>`((at + ${shift}) / ${sql.lit(HOUR_MS)}) % 24`;
  const base = () => db.selectFrom('dialogs').where('at', '>=', period.sinceMs).where('at', '<', period.untilMs);
  const [perDay, perRep, funnel, corrections, perHour] = await Promise.all([
    base()
      .select([dayOf.as('day'), 'label', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy([dayOf, 'label'])
      .orderBy('day')
      .execute(),
    base()
      .select([
        'user_id',
        'user_name',
        'channel',
        (eb) => eb.fn.countAll<number>().as('total'),
        sql<number>`sum(case when label = 'timing' then 1 else 0 end)`.as('timing'),
        sql<number>`sum(case when label = 'deal_size' then 1 else 0 end)`.as('deal_size'),
        sql<number>`sum(case when label = 'trust' then 1 else 0 end)`.as('trust'),
        sql<number>`sum(case when label = 'none' then 1 else 0 end)`.as('none'),
      ])
      .groupBy(['user_id', 'user_name', 'channel'])
      .orderBy('total', 'desc')
      .limit(50)
      .execute(),
    base()
      .select([
        (eb) => eb.fn.countAll<number>().as('dialogs'),
        sql<number>`coalesce(sum(started), 0)`.as('started'),
        sql<number>`coalesce(sum(finished), 0)`.as('finished'),
        sql<number>`coalesce(sum(case when outcome = 'booked' then 1 else 0 end), 0)`.as('booked'),
      ])
      .executeTakeFirstOrThrow(),
    base()
      .select(['predicted', (eb) => eb.fn.countAll<number>().as('classified'), sql<number>`sum(case when corrected is not null then 1 else 0 end)`.as('corrected')])
      .groupBy('predicted')
      .execute(),
    base()
      .select([hourOf.as('hour'), (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(hourOf)
      .execute(),
  ]);
  return {
    perDay: perDay.map((r) => ({ day: Number(r.day), label: r.label, n: Number(r.n) })),
    perRep: perRep.map((r) => ({
      userId: r.user_id,
      userName: r.user_name,
      channel: r.channel,
      total: Number(r.total),
      timing: Number(r.timing),
      deal_size: Number(r.deal_size),
      trust: Number(r.trust),
      none: Number(r.none),
    })),
    funnel: { dialogs: Number(funnel.dialogs), started: Number(funnel.started), finished: Number(funnel.finished), booked: Number(funnel.booked) },
    corrections: corrections.map((r) => ({ label: r.predicted, classified: Number(r.classified), corrected: Number(r.corrected) })),
    perHour: perHour.map((r) => ({ hour: Number(r.hour), n: Number(r.n) })).sort((a, b) => a.hour - b.hour),
  };
}

/** One page of dialogs matching `filter`, newest first, and how many match in all. */
export async function dialogs(db: Db, filter: DialogFilter, page = 1, pageSize = 25): Promise<DialogPage> {
  const safePage = Math.max(1, Math.floor(page));
  const [rows, count] = await Promise.all([
    applyFilter(db.selectFrom('dialogs').selectAll(), filter)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset((safePage - 1) * pageSize)
      .execute(),
    applyFilter(db.selectFrom('dialogs').select((eb) => eb.fn.countAll<number>().as('n')), filter).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(normaliseDialog), total: Number(count.n), page: safePage, pageSize };
}

/** Every dialog matching `filter` (for the CSV export), newest first, at most `limit`. */
export async function allDialogs(db: Db, filter: DialogFilter, limit = 100_000): Promise<DialogRow[]> {
  const rows = await applyFilter(db.selectFrom('dialogs').selectAll(), filter).orderBy('at', 'desc').limit(limit).execute();
  return rows.map(normaliseDialog);
}

/** One dialog's summary, or undefined. */
export async function dialog(db: Db, id: string): Promise<DialogRow | undefined> {
  const row = await db.selectFrom('dialogs').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? normaliseDialog(row) : undefined;
}

/** The reps' corrections waiting for a manager's review (or all of them), newest first. */
export async function corrections(db: Db, options: { pendingOnly?: boolean; limit?: number } = {}): Promise<DialogRow[]> {
  let query = db.selectFrom('dialogs').selectAll().where('corrected', 'is not', null);
  if (options.pendingOnly !== false) query = query.where('review', 'is', null);
  const rows = await query.orderBy('at', 'desc').limit(options.limit ?? 200).execute();
  return rows.map(normaliseDialog);
}

/**
 * Records a manager's decision on a correction; an accepted one is also recorded as training
 * data (corrections.ts), in the same transaction. Returns the dialog, or undefined when there
 * is no such correction or it was reviewed already (so a decision is never taken twice).
 */
export async function review(db: Db, id: string, decision: 'accepted' | 'rejected', by: string, at = Date.now()): Promise<DialogRow | undefined> {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('dialogs')
      .set({ review: decision, reviewed_by: by, reviewed_at: at })
      .where('id', '=', id)
      .where('corrected', 'is not', null)
      .where('review', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return undefined;
    const row = await dialog(trx, id);
    if (row && decision === 'accepted' && row.corrected) {
      await recordCorrection(trx, { dialog: row.id, text: row.quote, label: row.corrected, was: row.predicted, acceptedBy: by, acceptedAt: at });
    }
    return row;
  });
}

/** The compliance overrides of a period (flagged promises reps sent anyway), newest first. */
export async function overrides(db: Db, period: Period, limit = 50): Promise<Override[]> {
  const rows = await db
    .selectFrom('audit')
    .select(['at', 'label', 'detail', 'data', 'user_id', 'user_name', 'channel'])
    .where('kind', '=', 'compliance_override')
    .where('at', '>=', period.sinceMs)
    .where('at', '<', period.untilMs)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ at: Number(r.at), ruleId: r.detail ?? '', objection: r.label, step: stepOf(r.data), userId: r.user_id, userName: r.user_name, channel: r.channel }));
}

/** The dashboard's queries, as the store binds them (see store.ts); `transcript` is one dialog's audit rows. */
export const dashboardQueries = { overview, overrides, dialogs, allDialogs, dialog, transcript: dialogTranscript, corrections, review };
