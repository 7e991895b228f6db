/**
 * `npm start` with no channel configured: the console chat on a terminal, and on piped or
 * redirected input (scripts rely on it); with nothing on standard input (/dev/null, as in a
 * container or under a service manager) one line naming the channel variables and exit code 2.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, writeFileSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.ts';
import { botEnv, until } from './ops-fixture.ts';

const env = () => botEnv({ DATA_DIR: mkdtempSync(join(tmpdir(), 'coach-stdin-')), LANG: 'C.UTF-8' });
const NAMED = ['TELEGRAM_BOT_TOKEN', 'TEAMS_DEV', 'clientId', 'DASHBOARD_TOKEN'];
const hasScript = spawnSync('script', ['--version']).status === 0;

describe('npm start with no channel configured', () => {
  it('with stdin on /dev/null: says no channel is configured, naming the variables, and exits 2', () => {
    for (const command of [[process.execPath, 'bot/main.ts'], ['npm', 'start', '--silent']]) {
      const result = spawnSync(command[0]!, command.slice(1), { cwd: ROOT, env: env(), stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout: 60_000 });
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      const line = result.stderr.split('\n').find((l) => l.includes('no channel is configured'));
      expect(line).toBeDefined();
      for (const name of NAMED) expect(line).toContain(name);
    }
  });

  it('with stdin redirected from a file: the console chat answers each line and exits 0 at its end', () => {
    const dir = mkdtempSync(join(tmpdir(), 'coach-stdin-file-'));
    writeFileSync(join(dir, 'in.txt'), 'too expensive\n');
    const fd = openSync(join(dir, 'in.txt'), 'r');
    try {
      const result = spawnSync(process.execPath, ['bot/main.ts'], { cwd: ROOT, env: env(), stdio: [fd, 'pipe', 'pipe'], encoding: 'utf8', timeout: 60_000 });
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/> too expensive\n.*Deal size/);
      // The greeting says what the coach does once, then the commands; no prompt characters when piped.
      expect(result.stdout.match(/tag the objection/g)).toHaveLength(1);
      expect(result.stdout).toMatch(/^Hi! I'm the objection coach\. .*\nAny time in a walk:/);
      expect(result.stdout.split('\n').filter((l) => l.startsWith('> '))).toEqual(['> too expensive']);
    } finally {
      closeSync(fd);
    }
  });

  it('with stdin from a shell pipe: the console chat reads it', () => {
    const result = spawnSync('sh', ['-c', `printf 'we never get to meet the owner\\n' | "${process.execPath}" bot/main.ts`], { cwd: ROOT, env: env(), encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Trust/);
  });

  it.skipIf(!hasScript)('on a terminal: the interactive console chat — a prompt, what is typed echoed, the greeting once — which ends with Ctrl-D', async () => {
    // `script` runs the bot on a pseudo-terminal; what is written here is what the user types.
    const child = spawn('script', ['-qec', `"${process.execPath}" bot/main.ts`, '/dev/null'], { cwd: ROOT, env: env(), stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    // What the screen shows, without colour and cursor codes.
    const screen = () => output.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').replace(/\r/g, '');
    await until(() => /objection coach[\s\S]*\n> $/.test(screen()), 'the welcome, then the prompt');
    child.stdin.write('too expensive\r');
    await until(() => /Deal size/.test(output), 'the answer');
    expect(screen()).toMatch(/\n> too expensive\n/); // the prompt, and what the rep typed, echoed
    expect(screen().match(/tag the objection/g)).toHaveLength(1); // the greeting says it once
    await until(() => /\n> $/.test(screen()), 'the prompt again');
    expect(output).toMatch(/\x1b\[33m {2}\[1\] Start coaching/); // colours: a terminal
    child.stdin.write('\x04');
    expect(await exited).toBe(0);
  }, 60_000);
});
