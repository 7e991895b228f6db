/**
 * Hostile input at the doors, at full size: a seeded fuzz of 10,000 bodies per channel against
 * the real server process (tests/bot/hostile.ts, tests/bot/fuzz-run.ts) — Telegram in webhook
 * mode, Teams in dev mode. Prints the 5xx (and unanswered) count (target 0), the statuses, the
 * longest event-loop stall inside the server (monitorEventLoopDelay, LOG_EVENT_LOOP_DELAY=1)
 * and the slowest /healthz probe during the run, the server's RSS before and after, and the log
 * lines holding the token, the webhook secret or the personal data in the bodies (target 0).
 */
import { FUZZ_SECRET, FUZZ_TOKEN, fuzzChannel, leaks } from '../tests/bot/fuzz-run.ts';
import { PII } from '../tests/bot/hostile.ts';

const COUNT = 10_000;
const SEED = 1;

export async function benchFuzz(): Promise<string[]> {
  const lines: string[] = [];
  for (const channel of ['telegram', 'teams'] as const) {
    const r = await fuzzChannel(channel, { seed: SEED, count: COUNT, concurrency: 16 });
    const statuses = Object.entries(r.byStatus).map(([status, n]) => `${status}: ${n}`).join(', ');
    lines.push(
      `${channel}: ${r.sent} hostile bodies (seed ${SEED}) in ${r.seconds.toFixed(1)} s — 5xx or unanswered: ${r.failures.length} (target 0); ${statuses}`,
      `  longest event-loop stall in the server: ${r.eventLoopMaxMs ?? '?'} ms; slowest /healthz during the run: ${r.healthzMaxMs.toFixed(0)} ms`,
      `  server RSS: ${r.rssBeforeMb.toFixed(0)} MB before, ${r.rssAfterMb.toFixed(0)} MB after`,
      `  log lines with the token, the webhook secret or the bodies' personal data: ${leaks(r.output, [FUZZ_TOKEN, FUZZ_SECRET, ...PII]).length} (target 0)`,
    );
    for (const f of r.failures.slice(0, 5)) lines.push(`  failure: body #${f.index} (${f.label}) → ${f.status}`);
  }
  return lines;
}
