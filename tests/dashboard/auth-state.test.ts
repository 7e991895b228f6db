/**
 * The sign-in state in the database, on SQLite and (with TEST_DATABASE_URL) PostgreSQL: a key is
 * claimed once even when many instances race for it, counters count every hit and start again
 * after their window, and expired keys are pruned.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { Store } from '../../store/store.ts';

const POSTGRES = process.env.TEST_DATABASE_URL;
const schema = `dashboard_auth_${process.pid}`;

async function open(kind: 'sqlite' | 'postgres'): Promise<Store> {
  if (kind === 'sqlite') return Store.openSqlite(join(mkdtempSync(join(tmpdir(), 'auth-state-')), 'db.sqlite'));
  const client = new pg.Client({ connectionString: POSTGRES });
  await client.connect();
  await client.query(`drop schema if exists ${schema} cascade; create schema ${schema}`);
  await client.end();
  return Store.openPostgres(POSTGRES!, { schema });
}

const stores: Store[] = [];
afterAll(async () => {
  for (const store of stores) await store.close();
  if (POSTGRES) {
    const client = new pg.Client({ connectionString: POSTGRES });
    await client.connect();
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
  }
});

for (const kind of ['sqlite', 'postgres'] as const) {
  describe.skipIf(kind === 'postgres' && !POSTGRES)(`dashboard sign-in state on ${kind}`, () => {
    it('claims a key once, even with twenty claims at the same moment from two instances', async () => {
      const store = await open(kind);
      stores.push(store);
      const [a, b] = [store.dashboardAuth, store.dashboardAuth];
      const now = 1_000_000;
      const claims = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).claimKey('link:n1', now + 60_000)));
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await a.hasKey('link:n1', now)).toBe(true);
      expect(await b.hasKey('link:n1', now + 60_000)).toBe(false); // expired at its time
      expect(await a.hasKey('link:n2', now)).toBe(false);

      const hits = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).countHit('signin:client:1.2.3.4', 60_000, now)));
      expect(Math.max(...hits.map((h) => h.hits))).toBe(20);
      expect(new Set(hits.map((h) => h.resetAt))).toEqual(new Set([now + 60_000]));
      await a.uncountHit('signin:client:1.2.3.4');
      expect((await b.countHit('signin:client:1.2.3.4', 60_000, now + 1)).hits).toBe(20);
      // After the window, counting starts again.
      expect(await a.countHit('signin:client:1.2.3.4', 60_000, now + 60_000)).toEqual({ hits: 1, resetAt: now + 120_000 });
      await a.forgetKey('signin:client:1.2.3.4');
      expect((await a.countHit('signin:client:1.2.3.4', 60_000, now)).hits).toBe(1);

      expect(await a.countHit('signin:guesses:all', 120_000, now)).toEqual({ hits: 1, resetAt: now + 120_000 });
      expect(await a.prune(now + 60_001)).toBe(2); // the link nonce and the short counter; the long one runs on
      expect(await a.countHit('signin:guesses:all', 120_000, now + 60_001)).toEqual({ hits: 2, resetAt: now + 120_000 });
      expect(await a.claimKey('link:n1', now + 120_000)).toBe(true);
    });
  });
}
