/**
 * `npm start` (`node bot/main.ts`, one process that receives the signals itself): runs every
 * configured channel on one HTTP server until SIGINT/SIGTERM — Telegram when TELEGRAM_BOT_TOKEN
 * is set (webhook mode with TELEGRAM_WEBHOOK_URL, long polling otherwise), Teams when its
 * credentials (clientId, clientSecret, tenantId) or TEAMS_DEV=1 are set, the managers' dashboard
 * at /dashboard, and /healthz, /readyz, /metrics for operators.
 *
 * With no channel configured (and no DASHBOARD_TOKEN for a dashboard-only deployment), what
 * happens depends on standard input:
 *   - a terminal                      → the console chat;
 *   - a pipe, a socket or a file      → the console chat reading it, exiting at its end (scripts);
 *   - /dev/null, closed, another device (a container or a service manager with nothing attached)
 *                                     → one line naming the variables that configure a channel,
 *                                       exit code 2: a server that would exit at once with 0 is
 *                                       a misconfiguration, not a success.
 *
 * The server (bot/serve.ts) and what it brings — express, grammY, the Teams SDK, the dashboard,
 * prom-client — is imported only when a channel is configured: the console starts without them.
 */
import { fstatSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runConsole } from './console/console.ts';
import { loadConfig } from './config.ts';
import { startRuntime } from './runtime.ts';
import { EXIT_CONFIG, startupFailure } from './startup.ts';

// V8 lets the old generation grow to 2–4× what is alive after a collection; under a steady load
// of turns that left ≈ 250 MB of heap for ≈ 55 MB of live objects. 1.5× keeps it near 100 MB at
// the same throughput (npm run bench). Read at every collection, so setting it here still counts;
// NODE_OPTIONS cannot carry it, so it is set in code, for every way the bot is started.
setFlagsFromString('--heap-growing-percent=50');

/** The variables that configure a channel, as the no-channel message names them. */
const CHANNEL_VARIABLES = 'TELEGRAM_BOT_TOKEN (Telegram), clientId + clientSecret + tenantId or TEAMS_DEV=1 (Teams), DASHBOARD_TOKEN (dashboard only)';

/** What standard input is: a console can be opened on a terminal or on piped/redirected data only. */
function stdinKind(): 'terminal' | 'data' | 'nothing' {
  if (process.stdin.isTTY) return 'terminal';
  try {
    const stat = fstatSync(0);
    return stat.isFIFO() || stat.isSocket() || stat.isFile() ? 'data' : 'nothing';
  } catch {
    return 'nothing'; // closed (Node usually reopens fd 0 on /dev/null, which lands above)
  }
}

// A reader that went away (`npm start | head`) ends the output, not with a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

/** Runs a start-up step; a failure start-up expects ends the process with one line and its exit code. */
async function orExit<T>(step: () => T | Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    const failure = startupFailure(err);
    if (!failure) throw err;
    process.stderr.write(`objection-coach: ${failure.message}\n`);
    process.exit(failure.exitCode);
  }
}

const config = await orExit(() => loadConfig(process.env));
if (!config.telegram && !config.teams && !config.dashboard.token) {
  if (stdinKind() === 'nothing') {
    process.stderr.write(`objection-coach: no channel is configured (set ${CHANNEL_VARIABLES}) and standard input is neither a terminal nor a pipe or file, so there is no console chat to open either; not starting.\n`);
    process.exit(EXIT_CONFIG);
  }
  const runtime = await orExit(() => startRuntime({ trustedChannels: ['console'], defaultLogLevel: 'warn' }));
  await runConsole(runtime);
  await runtime.close();
} else {
  const { serve } = await import('./serve.ts');
  await orExit(() => serve(config));
}
