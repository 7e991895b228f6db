/**
 * The process's shared parts, built once at start: configuration, playbook and classifier,
 * logger, store (migrated), the engine and the conversation service, the daily retention run,
 * the learner that retrains the classifier on accepted corrections (learning.ts), and — once
 * the entry point knows its channels — the reminders runner (`startReminders`).
 * Failures are thrown (ConfigError, PlaybookError, StartupError), never exits: see startup.ts.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadPracticeKit } from '../dialogs/practice/index.ts';
import { loadComplianceRulesCached, loadFollowupsCached, loadIndustryPacksCached } from '../data/load-cache.ts';
import { DEFAULT_DATA_DIR } from '../data/playbook.ts';
import { createEngine, type Engine } from '../dialogs/engine.ts';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/store.ts';
import { CoachService } from './service/coach-service.ts';
import { DashboardAuth } from './dashboard/auth.ts';
import { defaultZone } from './dashboard/timezone.ts';
import { loadConfig, type Config } from './config.ts';
import { Learner, learningPollMs } from './learning.ts';
import { createLogger, type Logger } from './logger.ts';
import type { ProactiveSender } from './channels/proactive.ts';
import { createReminderRunner, type ReminderRunner } from './reminders/runner.ts';
import { startRetention } from './retention.ts';
import { teamDefault } from './team-default.ts';
import { EXIT_CONFIG, playbookDir, startCoach, StartupError, type Coach } from './startup.ts';

export interface Runtime {
  config: Config;
  coach: Coach;
  logger: Logger;
  store: Store;
  service: CoachService;
  dashboardAuth: DashboardAuth;
  /**
   * The reminders runner for the channels given (their proactive senders): a pass now, then
   * every REMINDER_INTERVAL_MS unless `poll` is false (the console: one pass). Stopped by close().
   */
  startReminders(senders: Record<string, ProactiveSender>, options?: { poll?: boolean }): ReminderRunner;
  /** The live classifier (`learning.classifier`, which the engine uses) and its background retraining. */
  learning: Learner;
  /** Stops timers and closes the store. */
  close(): Promise<void>;
}

/** Values that must never appear in a log line, whatever logs them. */
function secretsOf(config: Config, env: NodeJS.ProcessEnv): string[] {
  const clientSecret = env.clientSecret ?? env.connections__serviceConnection__settings__clientSecret;
  return [config.telegram?.token, config.telegram?.webhook?.secret, config.dashboard.secret, config.dashboard.token, clientSecret].filter((s): s is string => Boolean(s?.trim()));
}

export async function startRuntime(options: { env?: NodeJS.ProcessEnv; trustedChannels?: string[]; defaultLogLevel?: Config['logLevel']; dashboard?: boolean; wrapEngine?: (engine: Engine) => Engine } = {}): Promise<Runtime> {
  const env = options.env ?? process.env;
  const config = loadConfig(env, { logLevel: options.defaultLogLevel });
  const pollMs = learningPollMs(env);
  const logger = createLogger(config.logLevel, { secrets: secretsOf(config, env) });
  const coach = startCoach(env);
  // The rest of the playbook: PLAYBOOK_DIR's own industries/, compliance.yaml and followups.yaml
  // where it has them, else the shipped ones.
  const dir = playbookDir(env);
  const from = (part: string) => (existsSync(join(dir, part)) ? dir : DEFAULT_DATA_DIR);
  const packs = loadIndustryPacksCached(join(from('industries'), 'industries'), env);
  const compliance = loadComplianceRulesCached(from('compliance.yaml'), env);
  const followups = loadFollowupsCached(from('followups.yaml'), env);
  // The team's default profile is configuration: checked before anything opens.
  const team = teamDefault(env, coach.playbook, packs, compliance);
  let store: Store;
  try {
    store = await openStore(config);
  } catch (err) {
    const where = config.databaseUrl ? 'DATABASE_URL' : `the SQLite file under DATA_DIR (${config.dataDir})`;
    // The driver's message, without the connection string (it may carry a password).
    const reason = (err as Error).message.split(config.databaseUrl ?? '\u0000').join('DATABASE_URL');
    throw new StartupError(`cannot open the database (${where}): ${reason}`, EXIT_CONFIG);
  }
  // wrapEngine: an observer around the engine (the metrics in bot/metrics.ts), nothing else.
  const learning = new Learner({ store, playbook: coach.playbook, initial: coach.classifier, logger, pollMs }).start();
  // Practice's move detector trains on first use (seconds), from PLAYBOOK_DIR's practice/ when it has one.
  const practice = () => loadPracticeKit(existsSync(join(dir, 'practice')) ? dir : undefined);
  const engine = (options.wrapEngine ?? ((e: Engine) => e))(createEngine(coach.playbook, learning.classifier, { packs, compliance, followups, team, practice }));
  const dashboardAuth = new DashboardAuth(config.dashboard.secret, config.dashboard.token);
  const service = new CoachService({
    engine,
    store,
    logger,
    managerIds: config.managerIds,
    trustedChannels: options.trustedChannels,
    redaction: config.redaction,
    playbook: coach.playbook,
    // Dates a rep types are read in the rep's zone: the platform's, else /profile's, else the team's.
    teamTimeZone: defaultZone(env),
    // Sign-in links only where the dashboard is served (not in the console chat).
    dashboardLink: options.dashboard ? (sub) => dashboardAuth.loginLink(config.dashboard.url, sub) : undefined,
  });

  // Retention: processed deliveries after a day, conversation data after RETENTION_DAYS; daily.
  const retention = startRetention({ store, logger, retentionDays: config.retentionDays });
  // LOG_EVENT_LOOP_DELAY=1: the longest event-loop stall of the run, logged at shutdown (benches).
  const loopDelay = env.LOG_EVENT_LOOP_DELAY === '1' ? monitorEventLoopDelay({ resolution: 10 }) : undefined;
  loopDelay?.enable();
  const runners: ReminderRunner[] = [];
  logger.info({ store: store.kind, classifier: coach.classifier.calibration, managers: config.managerIds.size }, 'started');
  return {
    config,
    coach,
    logger,
    store,
    service,
    dashboardAuth,
    startReminders(senders, { poll = true } = {}) {
      const runner = createReminderRunner({ store, logger, senders, intervalMs: config.reminderIntervalMs || undefined, defaultTimeZone: defaultZone(env) });
      runners.push(runner);
      if (poll && config.reminderIntervalMs > 0) {
        runner.start();
        logger.info({ channels: Object.keys(senders), intervalMs: config.reminderIntervalMs }, 'reminders: sending due ones');
      }
      return runner;
    },
    learning,
    async close() {
      await retention.stop();
      await Promise.all(runners.map((r) => r.stop()));
      await learning.close();
      if (loopDelay) {
        loopDelay.disable();
        logger.info({ eventLoopMaxMs: Math.round(loopDelay.max / 1e5) / 10, eventLoopP99Ms: Math.round(loopDelay.percentile(99) / 1e5) / 10 }, 'event loop delay');
      }
      await store.close();
    },
  };
}
