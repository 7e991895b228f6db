/**
 * The dashboard's shared sign-in state, as a few typed functions over one table of expiring keys
 * (migration 005_dashboard_auth): a key claimed once (a sign-in link's nonce, a revoked session
 * id), whether a key is held, and a counter per key over a time window (failed sign-ins). Every
 * instance on the same database sees the same state, so a logout or a used link holds everywhere.
 */
import { sql, type Kysely } from 'kysely';
import { migration } from './migrations/005_dashboard_auth.ts';

export interface DashboardAuthTable {
  key: string;
  hits: number;
  expires_at: number;
}

export interface DashboardAuthTables {
  dashboard_auth: DashboardAuthTable;
}

type Db = Kysely<DashboardAuthTables>;

/** Holds `key` until `expiresAt`; true if this call took it, false if it was already held. */
export async function claimKey(db: Db, key: string, expiresAt: number): Promise<boolean> {
  const inserted = await db
    .insertInto('dashboard_auth')
    .values({ key, hits: 0, expires_at: expiresAt })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Whether `key` is held and has not expired at `now`. */
export async function hasKey(db: Db, key: string, now: number): Promise<boolean> {
  const row = await db.selectFrom('dashboard_auth').select('key').where('key', '=', key).where('expires_at', '>', now).executeTakeFirst();
  return row !== undefined;
}

/** Counts one hit on `key` in a window of `windowMs` that starts at its first hit; returns the count and when it resets. */
export async function countHit(db: Db, key: string, windowMs: number, now: number): Promise<{ hits: number; resetAt: number }> {
  const expired = sql<boolean>`dashboard_auth.expires_at <= ${now}`;
  const row = await db
    .insertInto('dashboard_auth')
    .values({ key, hits: 1, expires_at: now + windowMs })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql<number>`case when ${expired} then 1 else dashboard_auth.hits + 1 end`,
        expires_at: sql<number>`case when ${expired} then ${now + windowMs} else dashboard_auth.expires_at end`,
      }),
    )
    .returning(['hits', 'expires_at'])
    .executeTakeFirstOrThrow();
  return { hits: Number(row.hits), resetAt: Number(row.expires_at) };
}

/** Takes one hit back (a request that turned out not to count). */
export async function uncountHit(db: Db, key: string): Promise<void> {
  await db.updateTable('dashboard_auth').set({ hits: sql<number>`hits - 1` }).where('key', '=', key).where('hits', '>', 0).execute();
}

/** Forgets `key` (a counter reset). */
export async function forgetKey(db: Db, key: string): Promise<void> {
  await db.deleteFrom('dashboard_auth').where('key', '=', key).execute();
}

/** Deletes every expired key; returns how many. */
export async function pruneDashboardAuth(db: Db, now: number): Promise<number> {
  const result = await db.deleteFrom('dashboard_auth').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows ?? 0);
}

/** The functions above, for a store to bind to its database. */
export const dashboardAuthFunctions = { claimKey, hasKey, countHit, uncountHit, forgetKey, prune: pruneDashboardAuth };

/** The functions above with the database given. */
export interface DashboardAuthStore {
  claimKey(key: string, expiresAt: number): Promise<boolean>;
  hasKey(key: string, now: number): Promise<boolean>;
  countHit(key: string, windowMs: number, now: number): Promise<{ hits: number; resetAt: number }>;
  uncountHit(key: string): Promise<void>;
  forgetKey(key: string): Promise<void>;
  prune(now: number): Promise<number>;
}

/**
 * Binds the functions to `db`. With `ensureTable`, the first call first runs migration 005 itself
 * (it is idempotent) — for a store whose migrator does not list that migration yet.
 */
export function bindDashboardAuth(db: Db, options: { ensureTable?: boolean; kind?: 'sqlite' | 'postgres' } = {}): DashboardAuthStore {
  let ready: Promise<void> | undefined;
  const create = () => migration(options.kind ?? 'sqlite').up(db as Kysely<unknown>);
  // Instances starting together may race to create the table; the loser finds it on a second try.
  const table = () =>
    (ready ??= options.ensureTable
      ? create().catch(async () => {
          await new Promise((resolve) => setTimeout(resolve, 250));
          await create();
        }).catch((error: unknown) => {
          ready = undefined;
          throw error;
        })
      : Promise.resolve());
  const bound = <A extends unknown[], R>(fn: (db: Db, ...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    await table();
    return fn(db, ...args);
  };
  return {
    claimKey: bound(claimKey),
    hasKey: bound(hasKey),
    countHit: bound(countHit),
    uncountHit: bound(uncountHit),
    forgetKey: bound(forgetKey),
    prune: bound(pruneDashboardAuth),
  };
}
