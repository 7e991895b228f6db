/**
 * Start-up failures say what is wrong in one line and exit non-zero (2 for configuration and the
 * playbook, 1 for the rest): a port in use, an unreachable or refusing Bot API, a YAML alias
 * bomb or an oversized playbook file, MANAGER_IDS entries that could never match anyone.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../bot/config.ts';
import { startRuntime } from '../../bot/runtime.ts';
import { loadPlaybook, MAX_PLAYBOOK_FILE_BYTES, PlaybookError } from '../../data/playbook.ts';
import { playbookCopy, ROOT, runCli } from '../helpers.ts';

const TOKEN = '424242:AAFstartup-test-token_value';

/** Runs `node bot/main.ts` with `env` (channels cleared) until it exits. */
function runMain(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const clean = { ...process.env };
  for (const name of ['TELEGRAM_BOT_TOKEN', 'TELEGRAM_API_ROOT', 'TELEGRAM_WEBHOOK_URL', 'TELEGRAM_WEBHOOK_SECRET', 'DATABASE_URL', 'MANAGER_IDS', 'TEAMS_DEV', 'clientId', 'clientSecret', 'tenantId', 'DASHBOARD_TOKEN']) delete clean[name];
  const child = spawn(process.execPath, ['bot/main.ts'], { cwd: ROOT, env: { ...clean, DATA_DIR: mkdtempSync(join(tmpdir(), 'coach-startup-')), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (c) => (stderr += c));
  child.stdout.on('data', (c) => (stdout += c));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr, stdout })));
}

/** The lines a failed start printed that are not JSON log lines. */
const plainLines = (stderr: string) => stderr.split('\n').filter((line) => line.trim() && !line.startsWith('{'));

function expectOneLine(stderr: string, pattern: RegExp): void {
  const lines = plainLines(stderr);
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^objection-coach: /);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/TypeError|\n\s+at /);
}

describe('start-up of the server', () => {
  let taken: Server;
  let refusing: Server;
  beforeAll(async () => {
    taken = createServer(() => undefined);
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    // A Bot API that answers, but not to this token.
    refusing = createServer((_req, res) => {
      res.statusCode = 401;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ ok: false, error_code: 401, description: 'Unauthorized' }));
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => taken.close(resolve));
    await new Promise((resolve) => refusing.close(resolve));
  });

  it('names the port when it is already in use, and exits 1', async () => {
    const port = (taken.address() as AddressInfo).port;
    const result = await runMain({ TEAMS_DEV: '1', PORT: String(port) });
    expect(result.code).toBe(1);
    expectOneLine(result.stderr, new RegExp(`port ${port} is already in use .*\\(PORT\\)`));
  }, 60_000);

  it('gives up on an unreachable Bot API after a few tries, naming TELEGRAM_API_ROOT', async () => {
    const result = await runMain({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: 'http://127.0.0.1:9', PORT: '0' });
    expect(result.code).toBe(1);
    expectOneLine(result.stderr, /cannot reach the Telegram Bot API at TELEGRAM_API_ROOT \(http:\/\/127\.0\.0\.1:9\) after 5 attempts \(ECONNREFUSED\)/);
    expect(result.stderr).not.toContain(TOKEN);
  }, 60_000);

  it('says the token was refused when the Bot API answers 401, and exits 2', async () => {
    const result = await runMain({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: `http://127.0.0.1:${(refusing.address() as AddressInfo).port}`, PORT: '0' });
    expect(result.code).toBe(2);
    expectOneLine(result.stderr, /Telegram did not accept TELEGRAM_BOT_TOKEN \(401: Unauthorized\)/);
    expect(result.stderr).not.toContain(TOKEN);
  }, 60_000);

  it('refuses MANAGER_IDS that can never match, naming the entry, and exits 2', async () => {
    const result = await runMain({ TEAMS_DEV: '1', PORT: '0', MANAGER_IDS: 'telegram:1;msteams:29:2' });
    expect(result.code).toBe(2);
    expectOneLine(result.stderr, /invalid configuration: MANAGER_IDS has "telegram:1;msteams:29:2".*separated by commas/);
  }, 60_000);
});

describe('MANAGER_IDS', () => {
  const problem = (ids: string) => {
    try {
      loadConfig({ MANAGER_IDS: ids });
    } catch (err) {
      if (err instanceof ConfigError) return err.message;
      throw err;
    }
    return 'accepted';
  };

  it('accepts entries that can match: telegram:<number>, msteams:<Teams id>', () => {
    expect([...loadConfig({ MANAGER_IDS: 'telegram:123, msteams:29:1abc-def' }).managerIds]).toEqual(['telegram:123', 'msteams:29:1abc-def']);
  });

  it('refuses wrong separators, unknown channels, wrong case and ids that are not user ids', () => {
    expect(problem('telegram:1;msteams:29:2')).toMatch(/"telegram:1;msteams:29:2".*separated by commas, not by ";"/);
    expect(problem('telegram:1 msteams:29:2')).toMatch(/separated by commas/);
    expect(problem('Telegram:1')).toMatch(/"Telegram:1".*the channel is written "telegram"/);
    expect(problem('tg:1')).toMatch(/"tg:1".*the channel is written "telegram"/);
    expect(problem('teams:29:abc')).toMatch(/"teams:29:abc".*the channel is written "msteams"/);
    expect(problem('slack:U123')).toMatch(/"slack" is not a channel \(telegram or msteams\)/);
    expect(problem('telegram:@boss')).toMatch(/"telegram:@boss".*a Telegram user id is a number/);
    expect(problem('msteams:8a9b0c1d-2e3f-4a5b-8c7d-9e0f1a2b3c4d')).toMatch(/Azure AD object id/);
    expect(problem('telegram:')).toMatch(/each entry is channel:userId/);
  });
});

describe('playbook files', () => {
  const bomb = [
    'lol1: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
    ...['b', 'c', 'd', 'e', 'f', 'g', 'h'].map((name, i) => `lol${i + 2}: &${name} [${Array(9).fill(`*${String.fromCharCode(name.charCodeAt(0) - 1)}`).join(', ')}]`),
  ].join('\n');

  it('refuses a YAML alias bomb, naming the file and the line of its first alias', () => {
    let firstAlias = 0;
    const dir = playbookCopy({
      'knowledge.yaml': (text) => {
        firstAlias = text.split('\n').length + 1;
        return `${text.trimEnd()}\n${bomb}\n`;
      },
    });
    let error: unknown;
    try {
      loadPlaybook(dir);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(PlaybookError);
    expect((error as PlaybookError).message).toMatch(new RegExp(`knowledge\\.yaml:${firstAlias}:\\d+: too many aliases`));
  });

  it('refuses an oversized file before reading it, and the command exits 2 with one line', () => {
    const dir = playbookCopy();
    writeFileSync(join(dir, 'feedback.yaml'), `# ${'x'.repeat(MAX_PLAYBOOK_FILE_BYTES + 1024)}\n`);
    const result = runCli(['classify', 'too expensive'], { env: { PLAYBOOK_DIR: dir } });
    expect(result.status).toBe(2);
    expectOneLine(result.stderr, /feedback\.yaml:1:1: the file is 2\.0 MB; a playbook file may be at most 2 MB/);
  });

  it('makes the command exit 2 with one line on an alias bomb', () => {
    const dir = playbookCopy({ 'walks.yaml': (text) => `${text.trimEnd()}\n${bomb}\n` });
    const result = runCli(['classify', 'too expensive'], { env: { PLAYBOOK_DIR: dir } });
    expect(result.status).toBe(2);
    expectOneLine(result.stderr, /the playbook is invalid, not starting: .*walks\.yaml:\d+:\d+: too many aliases/);
  });
  it("reads PLAYBOOK_DIR's own follow-ups, industry packs and compliance rules where it has them, the shipped ones where not", async () => {
    const broken = playbookCopy({ 'followups.yaml': (text) => text.replace(/^snooze_days: \d+/m, 'snooze_days: soon') });
    const result = await runMain({ PLAYBOOK_DIR: broken, TEAMS_DEV: '1', PORT: '0' });
    expect(result.code).toBe(2);
    expectOneLine(result.stderr, /the playbook is invalid, not starting: .*followups\.yaml:\d+:\d+: snooze_days/);

    const partial = playbookCopy();
    for (const part of ['followups.yaml', 'compliance.yaml', 'industries']) rmSync(join(partial, part), { recursive: true });
    const runtime = await startRuntime({ env: { ...process.env, PLAYBOOK_DIR: partial, DATA_DIR: mkdtempSync(join(tmpdir(), 'coach-partial-')), LOG_LEVEL: 'error' }, trustedChannels: ['console'] });
    await runtime.close();
  }, 60_000);
});

describe('library code', () => {
  it("never ends the process itself: only the entry points (main, cli) and the server's shutdown call process.exit", () => {
    const exits: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (path.endsWith('.ts') && /process\.exit\(/.test(readFileSync(join(ROOT, path), 'utf8'))) exits.push(path);
      }
    };
    for (const dir of ['bot', 'data', 'intents', 'dialogs', 'store']) walk(dir);
    expect(exits.sort()).toEqual(['bot/cli.ts', 'bot/main.ts', 'bot/serve.ts']);
    // …and the server exits only on a signal, never on a start-up failure (it throws those).
    const serve = readFileSync(join(ROOT, 'bot/serve.ts'), 'utf8');
    const beforeSignals = serve.slice(0, serve.indexOf('const stop = async'));
    expect(beforeSignals).not.toMatch(/process\.exit\(/);
  });
});
