/**
 * Configuration from the environment, validated once at start. A bad value stops the process
 * with one message naming the variable (exit code 2), never a half-configured bot.
 */
import { resolve } from 'node:path';

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable} ${problem}`);
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
  /** Redaction of personal data in texts (on unless REDACTION=off). */
  redaction: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

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
    const colon = item.indexOf(':');
    if (colon <= 0 || colon === item.length - 1) throw new ConfigError('MANAGER_IDS', `has "${item}": each entry must be channel:userId, e.g. telegram:123,msteams:29:abc`);
    managerIds.add(item);
  }

  let retentionDays: number | undefined;
  const retention = value('RETENTION_DAYS');
  if (retention !== undefined) {
    retentionDays = Number(retention);
    if (!Number.isInteger(retentionDays) || retentionDays < 1) throw new ConfigError('RETENTION_DAYS', `must be a whole number of days ≥ 1 (got "${retention}")`);
  }

  const redactionText = (value('REDACTION') ?? 'on').toLowerCase();
  if (!['on', 'off', '1', '0', 'true', 'false'].includes(redactionText)) throw new ConfigError('REDACTION', 'must be on or off');

  const logLevel = (value('LOG_LEVEL') ?? defaults.logLevel ?? 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);

  return {
    databaseUrl,
    dataDir: resolve(value('DATA_DIR') ?? './var'),
    managerIds,
    retentionDays,
    redaction: ['on', '1', 'true'].includes(redactionText),
    logLevel: logLevel as Config['logLevel'],
  };
}
