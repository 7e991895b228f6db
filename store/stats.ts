/** The figures behind the managers' /stats, and the size of each table (for operators and benches). */
import type { Db } from './schema.ts';

/** The figures behind /stats. */
export interface Stats {
  sinceMs: number;
  byLabel: Record<string, number>;
  byRep: { userId: string; userName: string; channel: string; total: number; byLabel: Record<string, number> }[];
  walksStarted: number;
  walksFinished: number;
  outcomes: Record<string, number>;
  /** Per label the classifier gave: how often it was given, and how often a rep corrected it. */
  corrections: Record<string, { classified: number; corrected: number }>;
  /** Flagged promises reps sent anyway ("use it anyway"): how many, per rule, and the latest ones. */
  overrides: { total: number; byRule: Record<string, number>; latest: Override[] };
}

/** One compliance override: the rule, the walk and step, the rep, when. */
export interface Override {
  at: number;
  ruleId: string;
  objection: string | null;
  step: string | null;
  userId: string;
  userName: string;
  channel: string;
}

/** How many overrides /stats lists by name. */
const LATEST_OVERRIDES = 5;

/** How many rows each table holds. */
export interface TableSizes {
  audit: number;
  dialogs: number;
  sessions: number;
  processedUpdates: number;
}

/**
 * The figures behind /stats, since `sinceMs`. Objections count the type the rep settled on: a
 * correction moves its quote from the classifier's label to the rep's (the correction rate still
 * counts per label the classifier gave).
 */
export async function teamStats(db: Db, sinceMs: number): Promise<Stats> {
  const [counts, quotes, overrideRows] = await Promise.all([
    db
      .selectFrom('audit')
      .select(['kind', 'detail', (eb) => eb.fn.countAll<number>().as('n')])
      .where('at', '>=', sinceMs)
      .where('practice', '=', 0) // practice never counts as real work
      .where('kind', 'in', ['walk_started', 'walk_finished', 'outcome'])
      .groupBy(['kind', 'detail'])
      .execute(),
    db
      .selectFrom('audit')
      .select(['id', 'kind', 'label', 'detail', 'dialog', 'chat_id', 'user_id', 'user_name', 'channel'])
      .where('at', '>=', sinceMs)
      .where('practice', '=', 0) // practice never counts as real work
      .where('kind', 'in', ['classified', 'corrected'])
      .orderBy('id', 'asc')
      .execute(),
    db
      .selectFrom('audit')
      .select(['at', 'label', 'detail', 'data', 'user_id', 'user_name', 'channel'])
      .where('at', '>=', sinceMs)
      .where('practice', '=', 0) // practice never counts as real work
      .where('kind', '=', 'compliance_override')
      .orderBy('id', 'desc')
      .execute(),
  ]);
  const stats: Stats = { sinceMs, byLabel: {}, byRep: [], walksStarted: 0, walksFinished: 0, outcomes: {}, corrections: {}, overrides: { total: 0, byRule: {}, latest: [] } };
  for (const row of counts) {
    const n = Number(row.n);
    if (row.kind === 'walk_started') stats.walksStarted += n;
    else if (row.kind === 'walk_finished') stats.walksFinished += n;
    else stats.outcomes[row.detail ?? ''] = (stats.outcomes[row.detail ?? ''] ?? 0) + n;
  }
  // Each quote with the type it ended up with: a correction applies to the last quote of its dialog.
  const settled: { predicted: string; label: string; corrected: boolean; rep: Stats['byRep'][number] }[] = [];
  const lastQuote = new Map<string, (typeof settled)[number]>();
  const reps = new Map<string, Stats['byRep'][number]>();
  for (const row of quotes) {
    const key = row.dialog ?? `${row.channel}\u0000${row.chat_id}\u0000${row.user_id}`;
    if (row.kind === 'classified') {
      const repKey = `${row.channel}:${row.user_id}`;
      const rep = reps.get(repKey) ?? { userId: row.user_id, userName: row.user_name, channel: row.channel, total: 0, byLabel: {} };
      reps.set(repKey, rep);
      const quote = { predicted: row.label ?? '', label: row.label ?? '', corrected: false, rep };
      settled.push(quote);
      lastQuote.set(key, quote);
    } else {
      const quote = lastQuote.get(key);
      if (quote && row.detail) Object.assign(quote, { label: row.detail, corrected: row.detail !== quote.predicted });
    }
  }
  for (const quote of settled) {
    stats.byLabel[quote.label] = (stats.byLabel[quote.label] ?? 0) + 1;
    quote.rep.total += 1;
    quote.rep.byLabel[quote.label] = (quote.rep.byLabel[quote.label] ?? 0) + 1;
    const c = (stats.corrections[quote.predicted] ??= { classified: 0, corrected: 0 });
    c.classified += 1;
    if (quote.corrected) c.corrected += 1;
  }
  stats.byRep = [...reps.values()].sort((a, b) => b.total - a.total);
  for (const row of overrideRows) {
    const ruleId = row.detail ?? '';
    stats.overrides.total += 1;
    stats.overrides.byRule[ruleId] = (stats.overrides.byRule[ruleId] ?? 0) + 1;
    if (stats.overrides.latest.length < LATEST_OVERRIDES) {
      stats.overrides.latest.push({ at: Number(row.at), ruleId, objection: row.label, step: stepOf(row.data), userId: row.user_id, userName: row.user_name, channel: row.channel });
    }
  }
  return stats;
}

/** The step an override row names in its data (rows written before it was recorded have none). */
export function stepOf(data: string | null): string | null {
  try {
    const step = (JSON.parse(data ?? 'null') as { step?: unknown } | null)?.step;
    return typeof step === 'string' ? step : null;
  } catch {
    return null;
  }
}

/** How many rows each table holds. */
export async function tableSizes(db: Db): Promise<TableSizes> {
  const count = async (table: 'audit' | 'dialogs' | 'sessions' | 'processed_updates') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { audit: await count('audit'), dialogs: await count('dialogs'), sessions: await count('sessions'), processedUpdates: await count('processed_updates') };
}
