/**
 * Store figures on both databases: audit-append throughput (one row per insert, and a turn's
 * three rows per insert), session read / write latency (p50, p99), the database trips of one
 * turn through the conversation service (statements counted by the store's query hook), and the
 * kill-under-load run (kill-under-load.ts). PostgreSQL is measured when BENCH_DATABASE_URL (or
 * TEST_DATABASE_URL) is set or the local server answers, each run in a schema of its own.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { CoachService } from '../bot/service/coach-service.ts';
import { loadPlaybook } from '../data/playbook.ts';
import { createEngine } from '../dialogs/engine.ts';
import { ObjectionClassifier } from '../intents/classifier.ts';
import { SQLITE_FILE } from '../store/open.ts';
import { Store, type AuditEntry } from '../store/store.ts';
import { killLine, killUnderLoad } from './kill-under-load.ts';

export const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const party = { channel: 'telegram', chatId: '1', chatType: 'private', userId: '1', userName: 'bench' };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function throughput(store: Store): Promise<string[]> {
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

/** Statements per turn through the service, by situation: how many, in how many transactions, how many session reads. */
async function trips(open: (onQuery: (sql: string) => void) => Promise<Store>): Promise<string[]> {
  const statements: string[] = [];
  const store = await open((sql) => statements.push(sql.trim().toLowerCase()));
  const playbook = loadPlaybook();
  const engine = createEngine(playbook, ObjectionClassifier.build(playbook));
  const service = () => new CoachService({ engine, store, logger: pino({ level: 'silent' }), managerIds: new Set(), redaction: true });
  const [a, b] = [service(), service()];
  let update = 0;
  const turn = async (instance: CoachService, chat: string, text: string) => {
    statements.length = 0;
    await instance.handle({ ...party, chatId: chat, userId: chat, input: { type: 'text', text }, delivery: { source: 'telegram', updateId: String(++update) } });
    const begins = statements.filter((s) => s === 'begin').length;
    const reads = statements.filter((s) => s.startsWith('select "state", "version" from "sessions"')).length;
    return `${statements.length} statements in ${begins} transaction${begins === 1 ? '' : 's'} (${reads} session read${reads === 1 ? '' : 's'})`;
  };
  const out = [
    `a chat's first turn: ${await turn(a, 'c1', 'let me compare other quotes')}`,
    `the next turn, same instance (session cached): ${await turn(a, 'c1', 'too expensive')}`,
    `the next turn on another instance (not cached): ${await turn(b, 'c1', '太贵了')}`,
    `back on the first instance, whose cached copy is now stale (conflict, then a fresh read): ${await turn(a, 'c1', 'next time')}`,
  ];
  statements.length = 0;
  await a.handle({ ...party, chatId: 'c1', userId: 'c1', input: { type: 'text', text: 'next time' }, delivery: { source: 'telegram', updateId: String(update) } });
  out.push(`a duplicate delivery: ${statements.length} statements, ending in ${statements.at(-1)}`);
  await store.close();
  return out.map((line) => `trips: ${line}`);
}

export async function withSchema<T>(run: (url: string, schema: string) => Promise<T>): Promise<T> {
  const schema = `bench_store_${process.pid}_${Math.random().toString(36).slice(2, 7)}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  try {
    return await run(PG_URL, schema);
  } finally {
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
}

export async function benchStore(): Promise<string[]> {
  const out: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'bench-'));
  const sqlite = await Store.openSqlite(join(dir, 'bench.db'));
  out.push(...(await throughput(sqlite)).map((line) => `sqlite    ${line}`));
  await sqlite.close();
  out.push(...(await trips((onQuery) => Store.openSqlite(join(dir, 'trips.db'), { onQuery }))).map((line) => `sqlite    ${line}`));
  out.push(`sqlite    ${killLine(await killUnderLoad({ open: (dataDir) => Store.openSqlite(join(dataDir, SQLITE_FILE)) }))}`);

  const probe = new pg.Client({ connectionString: PG_URL });
  try {
    await probe.connect();
    await probe.end();
  } catch (err) {
    out.push(`postgres  not measured: no server at ${PG_URL.replace(/\/\/.*@/, '//…@')} (${(err as Error).message})`);
    return out;
  }
  await withSchema(async (url, schema) => {
    const store = await Store.openPostgres(url, { schema });
    out.push(...(await throughput(store)).map((line) => `postgres  ${line}`));
    await store.close();
  });
  await withSchema(async (url, schema) => out.push(...(await trips((onQuery) => Store.openPostgres(url, { schema, onQuery }))).map((line) => `postgres  ${line}`)));
  await withSchema(async (url, schema) => {
    const databaseUrl = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    out.push(`postgres  ${killLine(await killUnderLoad({ databaseUrl, open: () => Store.openPostgres(url, { schema }) }))}`);
  });
  return out;
}
