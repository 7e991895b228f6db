/** Shared test helpers: spawning the CLI, and scratch copies of the playbook to break on purpose. */
import { spawn, spawnSync, type ChildProcess, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BIN = join(ROOT, 'bin', 'objection-coach.js');

/** Runs the objection-coach command with `args`, feeding `input` on stdin. */
export function runCli(args: string[], options: { input?: string | Buffer; env?: Record<string, string> } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, ...options.env },
    timeout: 60_000,
  });
}

/**
 * A scratch copy of the shipped playbook folder; `edit` receives each file's text (by path
 * relative to the folder) and returns its new text.
 */
export function playbookCopy(edits: Record<string, (text: string) => string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'playbook-'));
  cpSync(join(ROOT, 'data'), dir, { recursive: true, filter: (src) => !src.endsWith('.ts') });
  for (const [file, edit] of Object.entries(edits)) {
    const path = join(dir, file);
    writeFileSync(path, edit(readFileSync(path, 'utf8')));
  }
  return dir;
}

/**
 * The error of class `type` that `run` throws (any other error is thrown on); fails, saying
 * `what` happened, when `run` throws nothing — for tests of what bad input is refused with.
 */
export function thrownBy<E extends Error>(type: abstract new (...args: never[]) => E, run: () => unknown, what = 'it was accepted'): E {
  try {
    run();
  } catch (err) {
    if (err instanceof type) return err;
    throw err;
  }
  throw new Error(`${what}, but it should not have been`);
}

/** The records of a JSON Lines file (blank lines skipped), e.g. `readJsonl(new URL('corpus.jsonl', import.meta.url))`. */
export function readJsonl(url: URL): unknown[] {
  return readFileSync(fileURLToPath(url), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line));
}

/** 1-based line number of the first line of `text` containing `needle`. */
export function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`"${needle}" not found`);
  return index + 1;
}

/**
 * The project as a real `npm start` process (what `bot/main.ts` runs), with the given
 * environment: channel variables not given are cleared, so each test says what it runs.
 */
export function startServer(env: Record<string, string>): { child: ChildProcess; output: () => string; stop: () => Promise<number | null> } {
  const clean = { ...process.env };
  for (const name of ['TELEGRAM_BOT_TOKEN', 'TELEGRAM_WEBHOOK_URL', 'TELEGRAM_WEBHOOK_SECRET', 'DATABASE_URL', 'MANAGER_IDS', 'TEAM_CHAT_ID', 'TEAMS_DEV', 'clientId', 'clientSecret', 'tenantId', 'DASHBOARD_TOKEN']) delete clean[name];
  const child = spawn(process.execPath, ['bot/main.ts'], { cwd: ROOT, env: { ...clean, LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c) => (output += c));
  child.stderr!.on('data', (c) => (output += c));
  return {
    child,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Waits until the server's log says it listens (or fails with what it printed). The default
 * leaves a loaded machine most of a 60-second hook: a start-up under load once took over 30 s.
 */
export async function waitListening(server: ReturnType<typeof startServer>, timeoutMs = 55_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!/"msg":"listening"/.test(server.output())) {
    if (server.child.exitCode !== null || Date.now() > deadline) throw new Error(`the server did not start:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A logger whose every line is kept, to check what reaches the logs. */
export function capturingLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}
