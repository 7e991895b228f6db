/**
 * The process's shared parts, built once at start: configuration, playbook and classifier,
 * logger, store (migrated), the engine and the conversation service, and audit retention.
 */
import { createEngine, type Engine } from '../dialogs/engine.ts';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/store.ts';
import { CoachService } from './coach-service.ts';
import { DashboardAuth } from './dashboard/auth.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { createLogger, type Logger } from './logger.ts';
import { EXIT_CONFIG, startCoach, type Coach } from './startup.ts';

export interface Runtime {
  config: Config;
  coach: Coach;
  logger: Logger;
  store: Store;
  service: CoachService;
  dashboardAuth: DashboardAuth;
  /** Stops timers and closes the store. */
  close(): Promise<void>;
}

const DAY_MS = 86_400_000;

/** Reads the configuration or exits with code 2 naming the bad variable. */
export function configOrExit(env: NodeJS.ProcessEnv, defaults: Parameters<typeof loadConfig>[1] = {}): Config {
  try {
    return loadConfig(env, defaults);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`objection-coach: invalid configuration: ${err.message}\n`);
      process.exit(EXIT_CONFIG);
    }
    throw err;
  }
}

export async function startRuntime(options: { env?: NodeJS.ProcessEnv; trustedChannels?: string[]; defaultLogLevel?: Config['logLevel']; dashboard?: boolean; wrapEngine?: (engine: Engine) => Engine } = {}): Promise<Runtime> {
  const env = options.env ?? process.env;
  const config = configOrExit(env, { logLevel: options.defaultLogLevel });
  const logger = createLogger(config.logLevel);
  const coach = startCoach(env);
  let store: Store;
  try {
    store = await openStore(config);
  } catch (err) {
    const where = config.databaseUrl ? 'DATABASE_URL' : `the SQLite file under DATA_DIR (${config.dataDir})`;
    process.stderr.write(`objection-coach: cannot open the database (${where}): ${(err as Error).message}\n`);
    process.exit(EXIT_CONFIG);
  }
  // wrapEngine: an observer around the engine (the metrics in bot/metrics.ts), nothing else.
  const engine = (options.wrapEngine ?? ((e: Engine) => e))(createEngine(coach.playbook, coach.classifier));
  const dashboardAuth = new DashboardAuth(config.dashboard.secret, config.dashboard.token);
  const service = new CoachService({
    engine,
    store,
    logger,
    managerIds: config.managerIds,
    trustedChannels: options.trustedChannels,
    redaction: config.redaction,
    // Sign-in links only where the dashboard is served (not in the console chat).
    dashboardLink: options.dashboard ? (sub) => dashboardAuth.loginLink(config.dashboard.url, sub) : undefined,
  });

  let timer: NodeJS.Timeout | undefined;
  if (config.retentionDays) {
    const prune = async () => {
      const removed = await store.prune(Date.now() - config.retentionDays! * DAY_MS);
      if (removed) logger.info({ removed, retentionDays: config.retentionDays }, 'pruned old audit rows');
    };
    await prune();
    timer = setInterval(() => void prune().catch((err) => logger.error({ err }, 'pruning failed')), DAY_MS);
    timer.unref();
  }
  logger.info({ store: store.kind, classifier: coach.classifier.calibration, managers: config.managerIds.size }, 'started');
  return {
    config,
    coach,
    logger,
    store,
    service,
    dashboardAuth,
    async close() {
      if (timer) clearInterval(timer);
      await store.close();
    },
  };
}
