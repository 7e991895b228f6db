/**
 * `npm run bench`: prints the project's speed and memory figures. Each section runs in a fresh
 * process, so one section's heap and JIT state do not colour the next. Targets (from the
 * issues) are printed beside the figures; nothing here asserts, tests never time anything.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { benchClassifier } from './classifier.ts';
import { benchDashboard } from './dashboard.ts';
import { benchFuzz } from './fuzz.ts';
import { benchLearning } from './learning.ts';
import { benchRedact } from './redact.ts';
import { benchStartup } from './startup.ts';
import { benchStore } from './store.ts';
import { benchTeams, benchTelegram } from './channels.ts';

const SECTIONS: Record<string, [string, () => string[] | Promise<string[]>]> = {
  classifier: ['classifier (target: median ≤ 50 µs per quote)', benchClassifier],
  learning: ['learning from the team: retrain in a worker thread and swap, reply latency meanwhile (SQLite)', benchLearning],
  redact: ['redaction (linear time; the PII corpus)', benchRedact],
  store: ['store: audit log and sessions', benchStore],
  telegram: ['Telegram webhook (target: ≥ 1,000 updates/s on one core)', benchTelegram],
  teams: ['Teams /api/messages (target: ≥ 500 turns/s on one core)', benchTeams],
  dashboard: ['dashboard with 100,000 audit rows, SQLite (target: ≤ 200 ms per page)', benchDashboard],
  startup: ['start-up, memory and the production install (targets: cold start ≤ 1.0 s; RSS ≤ 120 MB after start, ≤ 150 MB after 10,000 turns)', benchStartup],
  fuzz: ['hostile input: seeded fuzz of 10,000 bodies per channel against the server process (target: 0 5xx, 0 leaks)', benchFuzz],
};

const only = process.argv[2];
if (only) {
  const [title, run] = SECTIONS[only] ?? [];
  if (!run) throw new Error(`no bench section "${only}" (${Object.keys(SECTIONS).join(', ')})`);
  console.log(`== ${title}`);
  for (const line of await run()) console.log(line);
} else {
  for (const name of Object.keys(SECTIONS)) {
    const result = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), name], { stdio: 'inherit' });
    if (result.status !== 0) process.exitCode = result.status ?? 1;
  }
}
