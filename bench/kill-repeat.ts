/**
 * `node bench/kill-repeat.ts [RUNS] [CONCURRENCY]`: the kill-under-load run (kill-under-load.ts) RUNS times on
 * SQLite and RUNS times on PostgreSQL (when a server answers), one line each and the totals —
 * a single kill hits a handful of turns in flight, so one run says little about a rare gap.
 */
import { join } from 'node:path';
import { SQLITE_FILE } from '../store/open.ts';
import { Store } from '../store/store.ts';
import { killLine, killUnderLoad, type KillFigures } from './kill-under-load.ts';
import { withSchema } from './store.ts';

const runs = Number(process.argv[2] ?? 3);
const options = { concurrency: Number(process.argv[3] ?? 16) };
const totals = (all: KillFigures[]) => ['lost', 'neverAnswered', 'duplicated', 'resent', 'committedBeforeKill', 'unackedAtKill'].map((k) => `${k} ${all.reduce((n, f) => n + (f[k as keyof KillFigures] as number), 0)}`).join(', ');
for (const backend of ['sqlite', 'postgres'] as const) {
  const all: KillFigures[] = [];
  for (let run = 1; run <= runs; run++) {
    const figures =
      backend === 'sqlite'
        ? await killUnderLoad({ open: (dataDir) => Store.openSqlite(join(dataDir, SQLITE_FILE)) }, options)
        : await withSchema(async (url, schema) => {
            const databaseUrl = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
            return killUnderLoad({ databaseUrl, open: () => Store.openPostgres(url, { schema }) }, options);
          });
    all.push(figures);
    console.log(`${backend.padEnd(9)} run ${run}: ${killLine(figures)}`);
  }
  console.log(`${backend.padEnd(9)} total of ${runs} (${options.concurrency} in flight): ${totals(all)}`);
}
