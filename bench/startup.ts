/**
 * Start-up, memory and install size (`npm run bench startup`), against issue 14's targets:
 *   - cold start of `node bot/main.ts` to a ready console chat and to a ready /healthz (median
 *     of RUNS), beside a bare grammY bot started the same way in the same run (ratio printed);
 *     /healthz twice: with Telegram configured (webhook mode, a local fake Bot API answering
 *     getMe and setWebhook — the bot a grammY bot is compared with), and in Teams dev mode;
 *   - RSS after start, and after 10,000 turns through the service — Telegram updates and Teams
 *     activities over HTTP, each configuration in its own server process;
 *   - `npm ci` on a clean machine: an empty npm cache, no C toolchain on PATH (target ≤ 60 s);
 *   - the production install (`npm ci --omit=dev` into a scratch copy): time, size, natural's
 *     share, and that the bot starts from it alone;
 *   - where start-up goes, phase by phase (bench/startup-phases.ts), to explain a missed target.
 * Printed, never asserted. The machine's load average is printed too: figures on a busy machine
 * are slower than on an idle one.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { en } from '../dialogs/messages/en.ts';
import { naturalShare } from './install-size.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const START_SCRIPT = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
/** Node's flags as `npm start` passes them (package.json), given to every process started here, the bare bot's too. */
const START_FLAGS = (/\bnode\s+(.*?)\s*bot\/main\.ts/.exec(START_SCRIPT)?.[1] ?? '').split(/\s+/).filter(Boolean);
/** Node's compile cache where `npm start` keeps it (`NODE_COMPILE_CACHE=${NODE_COMPILE_CACHE:-folder}`), for every process started here. */
const COMPILE_CACHE = /NODE_COMPILE_CACHE=\$\{NODE_COMPILE_CACHE:-([^}]+)\}/.exec(START_SCRIPT)?.[1];
const RUNS = 5;
const TURNS = 10_000;
/** The console's greeting (English: the bench runs with LANG=C.UTF-8), printed once it reads input; the bare bot prints the same. */
const READY_TEXT = en.welcome;
const CHANNEL_VARIABLES = ['TELEGRAM_BOT_TOKEN', 'DATABASE_URL', 'MANAGER_IDS', 'TEAMS_DEV', 'clientId', 'clientSecret', 'tenantId', 'DASHBOARD_TOKEN'];

function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = { ...process.env, ...(COMPILE_CACHE && { NODE_COMPILE_CACHE: join(ROOT, COMPILE_CACHE) }), LOG_LEVEL: 'error', LANG: 'C.UTF-8', READY_TEXT, DATA_DIR: mkdtempSync(join(tmpdir(), 'bench-start-')) };
  for (const name of CHANNEL_VARIABLES) delete clean[name];
  return { ...clean, ...extra };
}

/** Resident and peak memory of a running process, in MB (Linux /proc). */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

const exited = (child: ChildProcess) => new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve)));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Milliseconds from spawning `node script` (console mode, stdin a pipe) to its ready line; gives up after 30 s. */
async function toConsole(script: string, cwd = ROOT): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [...START_FLAGS, script], { cwd, env: env({ PORT: '0' }), stdio: ['pipe', 'pipe', 'inherit'] });
  let output = '';
  const ms = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} printed no ready line within 30 s; it printed: ${output.slice(0, 200)}`));
    }, 30_000);
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      if (output.includes(READY_TEXT)) {
        clearTimeout(timer);
        resolve(performance.now() - started);
      }
    });
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}) before it was ready`)));
  });
  child.stdin!.end();
  await exited(child);
  return ms;
}

/** Spawns `node script` as a server and resolves once /healthz answers 200, with the time it took. */
async function toHealthz(script: string, cwd = ROOT, extra: Record<string, string> = {}, attempt = 1): Promise<{ ms: number; child: ChildProcess; url: string }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [...START_FLAGS, script], { cwd, env: env({ TEAMS_DEV: '1', PORT: String(port), ...extra }), stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    // Exit code 1 before listening: most likely the port was taken meanwhile (a shared machine): another one.
    if (child.exitCode === 1 && attempt < 3) return toHealthz(script, cwd, extra, attempt + 1);
    if (child.exitCode !== null) throw new Error(`${script} exited (${child.exitCode}) before /healthz answered`);
    const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (ok) return { ms: performance.now() - started, child, url };
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A port no one listens on right now. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function stop(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  await exited(child);
}

const WEBHOOK_SECRET = 'bench-startup-secret';

/** The environment of a server with Telegram in webhook mode against the Bot API at `apiRoot`. */
function telegramEnv(apiRoot: string): Record<string, string> {
  return { TEAMS_DEV: '0', TELEGRAM_BOT_TOKEN: '1:bench', TELEGRAM_API_ROOT: apiRoot, TELEGRAM_WEBHOOK_URL: 'https://bench.invalid/telegram/webhook', TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET };
}

/** A Bot API that answers what start-up asks (getMe, setMyCommands, setWebhook) at once. */
async function fakeBotApi(): Promise<{ apiRoot: string; close(): void }> {
  const server = createServer((req, res) => {
    req.resume();
    const method = (req.url ?? '').split('/').pop();
    const result = method === 'getMe' ? { id: 1, is_bot: true, first_name: 'Bench', username: 'bench_bot', can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false } : true;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ ok: true, result }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { apiRoot: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

/** A load worker (bench/load-worker.mjs): the upstream the bot replies to, and the load generator. */
async function loadWorker(kind: 'telegram' | 'teams'): Promise<{ worker: Worker; upstreamUrl: string }> {
  const worker = new Worker(new URL('./load-worker.mjs', import.meta.url), { execArgv: [], workerData: { kind } });
  const { upstreamUrl } = await new Promise<{ upstreamUrl: string }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return { worker, upstreamUrl };
}

/** Drives `total` turns into the bot (Telegram updates or Teams activities) with its load worker. */
async function drive(kind: 'telegram' | 'teams', worker: Worker, url: string, total: number): Promise<number> {
  const done = new Promise<{ seconds: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const quotes = ['等着看吧，下次再说', 'let me compare other quotes', 'he never talks price', '客户说要跟老婆商量', "I can't get a meeting with the boss", '好的，合同发我', '太贵了', 'we will think about it'];
  const [path, headers] = kind === 'teams' ? ['/api/messages', {}] : ['/telegram/webhook', { 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET }];
  worker.postMessage({ url: `${url}${path}`, headers, total, concurrency: 16, quotes, firstId: 5_000_000 });
  const { seconds } = await done;
  await worker.terminate();
  return total / seconds;
}

const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
const mb = (n: number) => `${n.toFixed(0)} MB`;

/**
 * `npm ci` as the README has a newcomer run it (dev dependencies included) in a scratch folder,
 * as on a clean machine with no C toolchain: an empty npm cache, and a PATH holding node, npm, a
 * shell and a few file tools but no compiler, make or python — a package that compiled from
 * source would fail here.
 */
async function cleanInstall(lines: string[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-clean-'));
  try {
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    symlinkSync(process.execPath, join(bin, 'node'));
    const which = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
    symlinkSync(realpathSync(which('npm')), join(bin, 'npm'));
    for (const tool of ['sh', 'env', 'uname', 'cat', 'ls', 'rm', 'mkdir', 'cp', 'mv', 'chmod', 'ln', 'tar', 'gzip', 'git']) {
      const path = which(tool);
      if (path) symlinkSync(path, join(bin, tool));
    }
    const app = join(dir, 'app');
    mkdirSync(app);
    cpSync(join(ROOT, 'package.json'), join(app, 'package.json'));
    cpSync(join(ROOT, 'package-lock.json'), join(app, 'package-lock.json'));
    const noToolchain = ['cc', 'gcc', 'g++', 'make', 'python3'].every((tool) => spawnSync('sh', ['-c', `command -v ${tool}`], { env: { ...process.env, PATH: bin } }).status !== 0);
    const started = performance.now();
    const install = spawnSync('npm', ['ci', '--cache', join(dir, 'cache'), '--no-audit', '--no-fund'], { cwd: app, encoding: 'utf8', env: { ...process.env, PATH: bin } });
    const seconds = (performance.now() - started) / 1000;
    if (install.status !== 0) {
      lines.push(`npm ci, clean machine: FAILED: ${install.stderr.trim().split('\n').slice(0, 3).join(' / ')}`);
      return;
    }
    lines.push(`npm ci (dev dependencies too) with an empty npm cache and ${noToolchain ? 'no C compiler, make or python on PATH' : 'a PATH that still reaches a C toolchain (not a fair test)'}: ${seconds.toFixed(1)} s (target ≤ 60 s: ${verdict(seconds <= 60)}); the registry's speed counts in it`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The production install in a scratch folder: time, size, natural's share, and a start from it. */
async function productionInstall(lines: string[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-prod-'));
  try {
    cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
    cpSync(join(ROOT, 'package-lock.json'), join(dir, 'package-lock.json'));
    const started = performance.now();
    const install = spawnSync('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: dir, encoding: 'utf8' });
    const seconds = (performance.now() - started) / 1000;
    if (install.status !== 0) {
      lines.push(`production install FAILED: ${install.stderr.trim().split('\n').slice(0, 3).join(' / ')}`);
      return;
    }
    const share = naturalShare(dir);
    lines.push(
      `production install (npm ci --omit=dev, npm's cache warm, not a clean machine): ${seconds.toFixed(1)} s, ${share.packages} packages, ${mb(share.totalMB)} (target ≤ 150 MB: ${verdict(share.totalMB <= 150)})`,
      `  natural's share: ${mb(share.naturalMB)} in ${share.naturalPackages} packages that only natural brings (${share.naturalNames.slice(0, 8).join(', ')}${share.naturalNames.length > 8 ? ', …' : ''})`,
      `  largest: ${share.largest.map(([name, size]) => `${name} ${mb(size)}`).join(', ')}`,
    );
    for (const folder of ['bin', 'bot', 'data', 'dialogs', 'intents', 'store']) cpSync(join(ROOT, folder), join(dir, folder), { recursive: true });
    const own: Record<string, string> = COMPILE_CACHE ? { NODE_COMPILE_CACHE: join(dir, COMPILE_CACHE) } : {};
    const first = await toHealthz('bot/main.ts', dir, own);
    await stop(first.child);
    const second = await toHealthz('bot/main.ts', dir, own);
    await stop(second.child);
    lines.push(`  the bot starts from the production install alone (the image's contents): /healthz after ${first.ms.toFixed(0)} ms the first time (training the classifier, keeping the snapshots and the compile cache), ${second.ms.toFixed(0)} ms after`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchStartup(): Promise<string[]> {
  const lines = [`machine: ${loadavg().map((n) => n.toFixed(1)).join(' ')} load average (1, 5, 15 min) on ${navigator.hardwareConcurrency} cores, Node ${process.version}; every process started as npm start does: ${COMPILE_CACHE ? `NODE_COMPILE_CACHE=${COMPILE_CACHE} ` : ''}node ${[...START_FLAGS, 'FILE'].join(' ')}`];
  const times = { console: [] as number[], bareConsole: [] as number[], telegram: [] as number[], teams: [] as number[], bareHealthz: [] as number[] };
  const rssAfterStart = { telegram: 0, teams: 0, bare: 0 };
  const botApi = await fakeBotApi();
  /** Starts the server, waits for /healthz, notes its RSS once start-up garbage settled, stops it. */
  const startOnce = async (kind: 'telegram' | 'teams') => {
    const ours = await toHealthz('bot/main.ts', ROOT, kind === 'telegram' ? telegramEnv(botApi.apiRoot) : {});
    await new Promise((resolve) => setTimeout(resolve, 500));
    rssAfterStart[kind] = Math.max(rssAfterStart[kind], memoryOf(ours.child.pid!).rss);
    await stop(ours.child);
    times[kind].push(ours.ms);
  };
  for (let run = 0; run < RUNS; run++) {
    // Alternated, so each sees the same machine.
    times.console.push(await toConsole('bot/main.ts'));
    times.bareConsole.push(await toConsole('bench/bare-bot.ts'));
    await startOnce('telegram');
    await startOnce('teams');
    const bare = await toHealthz('bench/bare-bot.ts');
    await new Promise((resolve) => setTimeout(resolve, 500));
    rssAfterStart.bare = Math.max(rssAfterStart.bare, memoryOf(bare.child.pid!).rss);
    await stop(bare.child);
    times.bareHealthz.push(bare.ms);
  }
  botApi.close();
  const row = (what: string, ours: number, bare: number) =>
    `cold start to ${what}: ${(ours / 1000).toFixed(2)} s (target ≤ 1.0 s: ${verdict(ours <= 1000)}); bare grammY bot ${(bare / 1000).toFixed(2)} s; ratio ${(ours / bare).toFixed(1)}×`;
  const bareHealthz = median(times.bareHealthz);
  lines.push(
    `median of ${RUNS} runs each:`,
    row('a ready console chat', median(times.console), median(times.bareConsole)),
    row('a ready /healthz (Telegram webhook mode)', median(times.telegram), bareHealthz),
    row('a ready /healthz (Teams dev mode, the Teams SDK loaded)', median(times.teams), bareHealthz),
  );
  for (const kind of ['telegram', 'teams'] as const) {
    lines.push(`RSS after start (${kind === 'telegram' ? 'Telegram webhook' : 'Teams dev mode'}, /healthz ready, largest of ${RUNS}): ${mb(rssAfterStart[kind])} (target ≤ 120 MB: ${verdict(rssAfterStart[kind] <= 120)}); bare grammY bot ${mb(rssAfterStart.bare)}`);
  }

  for (const kind of ['telegram', 'teams'] as const) {
    const { worker, upstreamUrl } = await loadWorker(kind);
    const server = await toHealthz('bot/main.ts', ROOT, kind === 'telegram' ? telegramEnv(upstreamUrl) : {});
    const perSecond = await drive(kind, worker, server.url, TURNS);
    const after = memoryOf(server.child.pid!);
    await stop(server.child);
    lines.push(`RSS after ${TURNS.toLocaleString('en')} ${kind === 'telegram' ? 'Telegram updates' : 'Teams turns'} (${perSecond.toFixed(0)}/s): ${mb(after.rss)}, peak ${mb(after.peak)} (target ≤ 150 MB: ${verdict(after.rss <= 150)})`);
  }

  await cleanInstall(lines);
  await productionInstall(lines);

  const phases = spawnSync(process.execPath, [...START_FLAGS, 'bench/startup-phases.ts'], { cwd: ROOT, encoding: 'utf8' });
  lines.push('where start-up goes (one process, phase by phase: time, RSS after it):', ...phases.stdout.trimEnd().split('\n').map((l) => `  ${l}`));
  return lines;
}
