import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../bot/config.ts';
import { ROOT, thrownBy } from '../helpers.ts';

const fails = (env: Record<string, string>) => thrownBy(ConfigError, () => loadConfig(env), 'the configuration was accepted');

describe('configuration', () => {
  it('has working defaults: SQLite under ./var, redaction on, no managers', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toMatch(/\/var$/);
    expect(config.redaction).toBe(true);
    expect(config.managerIds.size).toBe(0);
    expect(config.logLevel).toBe('info');
  });

  it('reads managers as channel:userId, Teams ids with colons included', () => {
    expect([...loadConfig({ MANAGER_IDS: 'telegram:123, msteams:29:abc-def' }).managerIds]).toEqual(['telegram:123', 'msteams:29:abc-def']);
  });

  it('names the variable that is wrong', () => {
    expect(fails({ MANAGER_IDS: 'telegram' }).variable).toBe('MANAGER_IDS');
    expect(fails({ RETENTION_DAYS: 'forever' }).message).toBe('RETENTION_DAYS must be a whole number of days ≥ 1 (got "forever")');
    expect(fails({ DATABASE_URL: 'mysql://x' }).variable).toBe('DATABASE_URL');
    expect(fails({ LOG_LEVEL: 'loud' }).variable).toBe('LOG_LEVEL');
    expect(fails({ REDACTION: 'maybe' }).variable).toBe('REDACTION');
  });

  it('looks for due reminders every 30 s unless REMINDER_INTERVAL_MS says otherwise (0: this instance sends none)', () => {
    expect(loadConfig({}).reminderIntervalMs).toBe(30_000);
    expect(loadConfig({ REMINDER_INTERVAL_MS: '5000' }).reminderIntervalMs).toBe(5000);
    expect(loadConfig({ REMINDER_INTERVAL_MS: '0' }).reminderIntervalMs).toBe(0);
    for (const bad of ['30s', '-1', '50', '1.5', '99999999999']) expect(fails({ REMINDER_INTERVAL_MS: bad }).variable).toBe('REMINDER_INTERVAL_MS');
  });

  it('stops npm start with exit code 2 and the name of the variable', () => {
    const result = spawnSync('npm', ['start', '--silent'], { cwd: ROOT, input: '', encoding: 'utf8', env: { ...process.env, RETENTION_DAYS: '-3' }, timeout: 60_000 });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/invalid configuration: RETENTION_DAYS/);
  });

  it('says which database it cannot open', () => {
    const result = spawnSync('npm', ['start', '--silent'], { cwd: ROOT, input: '', encoding: 'utf8', env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }, timeout: 60_000 });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/cannot open the database \(DATABASE_URL\)/);
  });
});

describe('Telegram configuration', () => {
  it('is off without a token, and polling without a webhook URL', () => {
    expect(loadConfig({}).telegram).toBeUndefined();
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: '123:abc' }).telegram).toEqual({ token: '123:abc', apiRoot: undefined, webhook: undefined, teamChatId: undefined });
  });

  it('needs a secret with a webhook URL, and names what is wrong', () => {
    expect(fails({ TELEGRAM_BOT_TOKEN: '123:abc', TELEGRAM_WEBHOOK_URL: 'https://bot.example.com/telegram/webhook' }).variable).toBe('TELEGRAM_WEBHOOK_SECRET');
    expect(fails({ TELEGRAM_BOT_TOKEN: 'nonsense' }).variable).toBe('TELEGRAM_BOT_TOKEN');
    expect(fails({ TELEGRAM_BOT_TOKEN: '123:abc', TELEGRAM_API_ROOT: 'ftp://x' }).variable).toBe('TELEGRAM_API_ROOT');
    expect(fails({ TELEGRAM_BOT_TOKEN: '123:abc', TEAM_CHAT_ID: 'sales' }).variable).toBe('TEAM_CHAT_ID');
    expect(fails({ PORT: '99999' }).variable).toBe('PORT');
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: '123:abc', TELEGRAM_WEBHOOK_URL: 'https://x.example/telegram/webhook', TELEGRAM_WEBHOOK_SECRET: 's_1' }).telegram?.webhook).toEqual({ url: 'https://x.example/telegram/webhook', secret: 's_1' });
  });
});

describe('Teams configuration', () => {
  it('is off unless credentials or TEAMS_DEV are set', () => {
    expect(loadConfig({}).teams).toBeUndefined();
    expect(loadConfig({ TEAMS_DEV: '1' }).teams).toEqual({ clientId: undefined, dev: true });
    expect(loadConfig({ clientId: 'abc', tenantId: 't' }).teams).toEqual({ clientId: 'abc', dev: false });
  });

  it('names what is missing or wrong', () => {
    expect(fails({ clientId: 'abc' }).variable).toBe('tenantId');
    expect(fails({ TEAMS_DEV: 'yes please' }).variable).toBe('TEAMS_DEV');
  });
});
