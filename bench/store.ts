/**
 * Store figures on both databases: audit-append throughput (one row per insert, and a turn's
 * three rows per insert) and session read / write latency (p50, p99). PostgreSQL is measured
 * when BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set or the local server answers.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Store, type AuditEntry } from '../store/store.ts';

const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const party = { channel: 'telegram', chatId: '1', chatType: 'private', userId: '1', userName: 'bench' };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(store: Store): Promise<string[]> {
  const row = (i: number): AuditEntry => ({ ...party, at: Date.now(), kind: 'message', text: `bench message ${i} 等着看吧，下次再说` });
  const out: string[] = [];
  const singles = 2000;
  let start = performance.now();
  for (let i = 0; i < singles; i++) await store.audit.append([row(i)]);
  out.push(`audit append, 1 row per insert: ${Math.round(singles / ((performance.now() - start) / 1000))} rows/s`);
  const turns = 1000;
  start = performance.now();
  for (let i = 0; i < turns; i++) await store.audit.append([row(i), { ...row(i), kind: 'classified', label: 'timing', confidence: 0.9 }, { ...row(i), kind: 'reply' }]);
  out.push(`audit append, a turn's 3 rows per insert: ${Math.round((turns * 3) / ((performance.now() - start) / 1000))} rows/s`);

  const reads: number[] = [];
  const writes: number[] = [];
  const key = { channel: 'telegram', chatId: 'bench', userId: 'bench' };
  const state = { v: 1, lang: 'zh', mode: 'walk', walk: { objection: 'timing', step: 'usage', history: ['dont_repeat'], answers: { usage: '周末在家学一点' } }, tipIndex: 0 };
  let version: number | null = null;
  for (let i = 0; i < 2000; i++) {
    let t0 = performance.now();
    const session = await store.sessions.load(key);
    reads.push((performance.now() - t0) * 1000);
    t0 = performance.now();
    version = await store.sessions.save(key, state, session?.version ?? null);
    writes.push((performance.now() - t0) * 1000);
    if (version === null) throw new Error('unexpected conflict in the bench');
  }
  reads.sort((a, b) => a - b);
  writes.sort((a, b) => a - b);
  out.push(`session read: p50 ${percentile(reads, 50).toFixed(0)} µs, p99 ${percentile(reads, 99).toFixed(0)} µs; session write: p50 ${percentile(writes, 50).toFixed(0)} µs, p99 ${percentile(writes, 99).toFixed(0)} µs`);
  return out;
}

export async function benchStore(): Promise<string[]> {
  const out: string[] = [];
  const sqlite = await Store.openSqlite(join(mkdtempSync(join(tmpdir(), 'bench-')), 'bench.db'));
  out.push(...(await measure(sqlite)).map((line) => `sqlite    ${line}`));
  await sqlite.close();

  const schema = `bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  try {
    await admin.connect();
  } catch (err) {
    out.push(`postgres  not measured: no server at ${PG_URL.replace(/\/\/.*@/, '//…@')} (${(err as Error).message})`);
    return out;
  }
  await admin.query(`create schema ${schema}`);
  try {
    const store = await Store.openPostgres(PG_URL, { schema });
    out.push(...(await measure(store)).map((line) => `postgres  ${line}`));
    await store.close();
  } finally {
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
  return out;
}
