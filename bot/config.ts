/**
 * Configuration from the environment, validated once at start. A bad value stops the process
 * with one message naming the variable (exit code 2), never a half-configured bot.
 */
import { resolve } from 'node:path';

export class ConfigError extends Error {
  readonly variable: string;

  constructor(variable: string, problem: string) {
    super(`${variable} ${problem}`);
    this.variable = variable;
    this.name = 'ConfigError';
  }
}

export interface Config {
  /** PostgreSQL connection string; SQLite under `dataDir` when absent. */
  databaseUrl?: string;
  /** Folder for the embedded database and exports. */
  dataDir: string;
  /** `channel:userId` of the managers allowed /stats, /audit, /export. */
  managerIds: Set<string>;
  /** Audit rows older than this many days are deleted; unset keeps everything. */
  retentionDays?: number;
  /** How often due reminders are looked for, in ms (REMINDER_INTERVAL_MS); 0: this instance sends none. */
  reminderIntervalMs: number;
  /** Redaction of personal data in texts (on unless REDACTION=off). */
  redaction: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** HTTP port for webhooks, /api/messages, the dashboard and /healthz. */
  port: number;
  telegram?: {
    token: string;
    /** Bot API server (Telegram's, a self-hosted one, or a test fake). */
    apiRoot?: string;
    /** Webhook mode when set; long polling otherwise. */
    webhook?: { url: string; secret: string };
    /** Where "share with the team" posts go when the walk did not come from a group. */
    teamChatId?: string;
  };
  /**
   * Teams runs when the app's credentials (clientId, as the Agents SDK names it) or TEAMS_DEV=1
   * are set. Without credentials, dev mode accepts unauthenticated local requests only.
   */
  teams?: { clientId?: string; dev: boolean };
  dashboard: {
    /** Public base URL for the login links the bot sends (default http://localhost:PORT). */
    url: string;
    /** Signs login links and sessions; without it they are valid for this process only. */
    secret?: string;
    /** A standing sign-in token for deployments without chat access. */
    token?: string;
  };
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function isHttpUrl(text: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

/** The channels a manager can write from, as the adapters name them. */
const MANAGER_CHANNELS = ['telegram', 'msteams'];
const CHANNEL_ALIASES: Record<string, string> = { tg: 'telegram', teams: 'msteams', ms: 'msteams', microsoftteams: 'msteams' };

/** Why a MANAGER_IDS entry cannot match any user, or null when it can. */
export function managerIdProblem(item: string): string | null {
  if (/[;\s|]/.test(item)) return 'entries are separated by commas, not by ";", "|" or spaces';
  const colon = item.indexOf(':');
  if (colon <= 0 || colon === item.length - 1) return 'each entry is channel:userId';
  const channel = item.slice(0, colon);
  const user = item.slice(colon + 1);
  if (!MANAGER_CHANNELS.includes(channel)) {
    const meant = MANAGER_CHANNELS.find((c) => c === channel.toLowerCase()) ?? CHANNEL_ALIASES[channel.toLowerCase()];
    return meant ? `the channel is written "${meant}"` : `"${channel}" is not a channel (${MANAGER_CHANNELS.join(' or ')})`;
  }
  if (channel === 'telegram' && !/^\d+$/.test(user)) return 'a Telegram user id is a number (ask @userinfobot)';
  if (channel === 'msteams' && /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(user)) return 'that is an Azure AD object id; Teams names a user in activities 29:…';
  return null;
}

/** Reads the configuration from `env`, or throws a ConfigError naming the bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, defaults: { logLevel?: Config['logLevel'] } = {}): Config {
  const value = (name: string) => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };

  const databaseUrl = value('DATABASE_URL');
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new ConfigError('DATABASE_URL', 'must be a postgres:// or postgresql:// URL');

  const managerIds = new Set<string>();
  for (const item of (value('MANAGER_IDS') ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const problem = managerIdProblem(item);
    if (problem) throw new ConfigError('MANAGER_IDS', `has "${item}", which can never match anyone: ${problem} (expected channel:userId entries separated by commas, e.g. telegram:123,msteams:29:abc)`);
    managerIds.add(item);
  }

  let retentionDays: number | undefined;
  const retention = value('RETENTION_DAYS');
  if (retention !== undefined) {
    retentionDays = Number(retention);
    if (!Number.isInteger(retentionDays) || retentionDays < 1) throw new ConfigError('RETENTION_DAYS', `must be a whole number of days ≥ 1 (got "${retention}")`);
  }

  const intervalText = value('REMINDER_INTERVAL_MS') ?? '30000';
  const reminderIntervalMs = Number(intervalText);
  if (!Number.isInteger(reminderIntervalMs) || (reminderIntervalMs !== 0 && reminderIntervalMs < 100) || reminderIntervalMs > 86_400_000) {
    throw new ConfigError('REMINDER_INTERVAL_MS', `must be a whole number of milliseconds from 100 to 86400000, or 0 to send no reminders from this instance (got "${intervalText}")`);
  }

  const redactionText = (value('REDACTION') ?? 'on').toLowerCase();
  if (!['on', 'off', '1', '0', 'true', 'false'].includes(redactionText)) throw new ConfigError('REDACTION', 'must be on or off');

  const logLevel = (value('LOG_LEVEL') ?? defaults.logLevel ?? 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);

  const portText = value('PORT') ?? '3978';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError('PORT', `must be a port number (got "${portText}")`);

  let telegram: Config['telegram'];
  const token = value('TELEGRAM_BOT_TOKEN');
  if (token) {
    if (!/^\d+:[\w-]+$/.test(token)) throw new ConfigError('TELEGRAM_BOT_TOKEN', 'does not look like a bot token (123456:ABC…)');
    const apiRoot = value('TELEGRAM_API_ROOT');
    if (apiRoot && !isHttpUrl(apiRoot)) throw new ConfigError('TELEGRAM_API_ROOT', 'must be an http(s) URL');
    const url = value('TELEGRAM_WEBHOOK_URL');
    const secret = value('TELEGRAM_WEBHOOK_SECRET');
    if (url && !isHttpUrl(url)) throw new ConfigError('TELEGRAM_WEBHOOK_URL', 'must be an http(s) URL');
    if (url && !secret) throw new ConfigError('TELEGRAM_WEBHOOK_SECRET', 'is required when TELEGRAM_WEBHOOK_URL is set');
    if (secret && !/^[A-Za-z0-9_-]{1,256}$/.test(secret)) throw new ConfigError('TELEGRAM_WEBHOOK_SECRET', 'must be 1-256 characters of A-Z, a-z, 0-9, _ and -');
    const teamChatId = value('TEAM_CHAT_ID');
    if (teamChatId && !/^-?\d+$/.test(teamChatId)) throw new ConfigError('TEAM_CHAT_ID', 'must be a numeric Telegram chat id (e.g. -1001234567890)');
    telegram = { token, apiRoot, webhook: url ? { url, secret: secret! } : undefined, teamChatId };
  }

  const devText = (value('TEAMS_DEV') ?? '0').toLowerCase();
  if (!['0', '1', 'true', 'false'].includes(devText)) throw new ConfigError('TEAMS_DEV', 'must be 1 or 0');
  const dev = devText === '1' || devText === 'true';
  const clientId = value('clientId') ?? value('connections__serviceConnection__settings__clientId');
  if (clientId && !value('tenantId') && !value('connections__serviceConnection__settings__tenantId')) {
    throw new ConfigError('tenantId', 'is required with clientId (single-tenant bot registration)');
  }
  const teams = clientId || dev ? { clientId, dev } : undefined;

  const dashboardUrl = value('DASHBOARD_URL') ?? `http://localhost:${port}`;
  if (!isHttpUrl(dashboardUrl)) throw new ConfigError('DASHBOARD_URL', 'must be an http(s) URL');
  const dashboardSecret = value('DASHBOARD_SECRET');
  if (dashboardSecret && dashboardSecret.length < 16) throw new ConfigError('DASHBOARD_SECRET', 'must be at least 16 characters');
  const dashboardToken = value('DASHBOARD_TOKEN');
  if (dashboardToken && dashboardToken.length < 16) throw new ConfigError('DASHBOARD_TOKEN', 'must be at least 16 characters');

  return {
    port,
    telegram,
    teams,
    dashboard: { url: dashboardUrl, secret: dashboardSecret, token: dashboardToken },
    databaseUrl,
    dataDir: resolve(value('DATA_DIR') ?? './var'),
    managerIds,
    retentionDays,
    reminderIntervalMs,
    redaction: ['on', '1', 'true'].includes(redactionText),
    logLevel: logLevel as Config['logLevel'],
  };
}
