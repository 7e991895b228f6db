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
}

/** How many rows each table holds. */
export interface TableSizes {
  audit: number;
  dialogs: number;
  sessions: number;
  processedUpdates: number;
}

/** The figures behind /stats, since `sinceMs`. */
export async function teamStats(db: Db, sinceMs: number): Promise<Stats> {
  const counts = await db
    .selectFrom('audit')
    .select(['kind', 'label', 'detail', 'user_id', 'user_name', 'channel', (eb) => eb.fn.countAll<number>().as('n')])
    .where('at', '>=', sinceMs)
    .where('practice', '=', 0) // practice never counts as real work
    .where('kind', 'in', ['classified', 'corrected', 'walk_started', 'walk_finished', 'outcome'])
    .groupBy(['kind', 'label', 'detail', 'user_id', 'user_name', 'channel'])
    .execute();
  const stats: Stats = { sinceMs, byLabel: {}, byRep: [], walksStarted: 0, walksFinished: 0, outcomes: {}, corrections: {} };
  const reps = new Map<string, Stats['byRep'][number]>();
  for (const row of counts) {
    const n = Number(row.n);
    const label = row.label ?? '';
    if (row.kind === 'classified') {
      stats.byLabel[label] = (stats.byLabel[label] ?? 0) + n;
      (stats.corrections[label] ??= { classified: 0, corrected: 0 }).classified += n;
      const repKey = `${row.channel}:${row.user_id}`;
      const rep = reps.get(repKey) ?? { userId: row.user_id, userName: row.user_name, channel: row.channel, total: 0, byLabel: {} };
      rep.total += n;
      rep.byLabel[label] = (rep.byLabel[label] ?? 0) + n;
      reps.set(repKey, rep);
    } else if (row.kind === 'corrected') {
      (stats.corrections[label] ??= { classified: 0, corrected: 0 }).corrected += n;
    } else if (row.kind === 'walk_started') stats.walksStarted += n;
    else if (row.kind === 'walk_finished') stats.walksFinished += n;
    else if (row.kind === 'outcome') stats.outcomes[row.detail ?? ''] = (stats.outcomes[row.detail ?? ''] ?? 0) + n;
  }
  stats.byRep = [...reps.values()].sort((a, b) => b.total - a.total);
  return stats;
}

/** How many rows each table holds. */
export async function tableSizes(db: Db): Promise<TableSizes> {
  const count = async (table: 'audit' | 'dialogs' | 'sessions' | 'processed_updates') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { audit: await count('audit'), dialogs: await count('dialogs'), sessions: await count('sessions'), processedUpdates: await count('processed_updates') };
}
