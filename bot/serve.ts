/**
 * The server behind `npm start` when a channel is configured (bot/main.ts decides): every
 * configured channel on one HTTP server — Telegram (webhook or long polling), Teams, the
 * managers' dashboard — with /healthz, /readyz and /metrics for operators, until SIGINT/SIGTERM.
 *
 * Shutdown (SIGTERM or SIGINT): stop accepting connections and Telegram updates, let the turns
 * in flight finish and their HTTP answers go out, close the database, exit 0 — or exit 1 with a
 * log line if that takes longer than SHUTDOWN_GRACE_MS.
 *
 * The Teams SDK (@microsoft/agents-hosting, ~40 MB and a third of a second to load) is imported
 * only when Teams is configured.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { run, type RunnerHandle } from '@grammyjs/runner';
import type { Bot } from 'grammy';
import { CLASSIFIER_VERSION } from '../intents/classifier.ts';
import type { Config } from './config.ts';
import { createDashboardRouter } from './dashboard/routes.ts';
import { createOpsRouter, pingStore, SHUTDOWN_GRACE_MS } from './health.ts';
import { createHttpApp, listen, type HttpOptions } from './http-server.ts';
import { createMetrics, instrumentEngine, instrumentService } from './metrics.ts';
import { startRuntime } from './runtime.ts';
import type { ProactiveSender } from './channels/proactive.ts';
import { createTelegramBot, publishCommands } from './telegram/adapter.ts';
import { telegramSender } from './telegram/proactive.ts';
import { initBot } from './telegram/guard.ts';

export async function serve(config: Config): Promise<void> {
  const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  const metrics = createMetrics({ version, classifier: CLASSIFIER_VERSION });
  const runtime = await startRuntime({ dashboard: true, wrapEngine: (engine) => instrumentEngine(engine, metrics) });
  const { logger, service, store, coach, learning } = runtime;
  const live = learning.classifier;
  const turns = instrumentService(service, metrics);
  const http: HttpOptions = {
    store,
    logger,
    dashboard: createDashboardRouter({ store, logger, playbook: coach.playbook, auth: runtime.dashboardAuth, onAccepted: () => void learning.check() }),
    classifierVersion: () => live.version,
    ops: createOpsRouter({
      metrics,
      readiness: { ping: pingStore(store), storeKind: store.kind, playbook: coach.playbook, classifier: { get version() { return live.version; }, loaded: true } },
    }),
  };
  if (!config.dashboard.secret) logger.warn('DASHBOARD_SECRET is not set: dashboard links and sessions are valid for this process only');

  let bot: Bot | undefined;
  /** Each configured channel's proactive sender, for the reminders runner. */
  const senders: Record<string, ProactiveSender> = {};
  const telegram = config.telegram;
  if (telegram) {
    bot = createTelegramBot({ token: telegram.token, apiRoot: telegram.apiRoot, service, logger, teamChatId: telegram.teamChatId, webhook: Boolean(telegram.webhook) });
    await initBot(bot, { apiRoot: telegram.apiRoot }); // StartupError: main.ts prints it and exits
    const managers = [...config.managerIds].filter((id) => id.startsWith('telegram:')).map((id) => id.slice('telegram:'.length));
    await publishCommands(bot, managers, logger);
    if (telegram.webhook) http.telegram = { bot, secret: telegram.webhook.secret };
    senders.telegram = telegramSender(bot);
  }

  // Without credentials, Teams answers unauthenticated requests — so only in explicit local
  // development, and then only on the loopback interface.
  const localOnly = config.teams?.dev === true && !config.teams.clientId;
  if (config.teams) {
    const [{ loadAuthConfigFromEnv }, { createTeamsHandler }, { teamsGuards }] = await Promise.all([import('@microsoft/agents-hosting'), import('./teams/adapter.ts'), import('./teams/guard.ts')]);
    const authConfig = loadAuthConfigFromEnv();
    http.teams = { guards: teamsGuards(authConfig, logger), handler: createTeamsHandler({ authConfig, service, logger }) };
    senders.msteams = (await import('./teams/proactive.ts')).teamsSender(authConfig); // loaded only with Teams
    if (localOnly) logger.warn('TEAMS_DEV=1 without credentials: /api/messages accepts unauthenticated requests, on 127.0.0.1 only');
  }

  const server = await listen(createHttpApp(http), config.port, localOnly ? '127.0.0.1' : undefined);
  logger.info({ port: (server.address() as AddressInfo).port, host: localOnly ? '127.0.0.1' : '0.0.0.0', telegram: telegram ? (telegram.webhook ? 'webhook' : 'polling') : 'off', teams: config.teams ? (localOnly ? 'dev' : 'on') : 'off', bot: bot?.botInfo.username }, 'listening');

  let runner: RunnerHandle | undefined;
  if (bot && telegram?.webhook) {
    await bot.api.setWebhook(telegram.webhook.url, { secret_token: telegram.webhook.secret, allowed_updates: ['message', 'callback_query'] });
  } else if (bot) {
    await bot.api.deleteWebhook();
    runner = run(bot, { runner: { fetch: { allowed_updates: ['message', 'callback_query'] } } });
  }

  // Reminders (due ones missed while down go out now, marked late); stopped by runtime.close().
  if (Object.keys(senders).length) runtime.startReminders(senders);

  // The last safety net: a stray rejection is logged, never the end of the bot.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const started = Date.now();
    logger.info({ signal, inFlight: turns.inFlight() }, 'shutting down: no new connections, finishing the turns in flight');
    setTimeout(() => {
      logger.error({ inFlight: turns.inFlight(), graceMs: SHUTDOWN_GRACE_MS }, 'shutdown took too long; exiting with turns unfinished');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    // server.close stops accepting and resolves once every open request is answered; idle
    // keep-alive connections are closed as they become idle, so none holds the close up.
    const closed = new Promise((resolve) => server.close(resolve));
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    if (runner?.isRunning()) await runner.stop(); // stops fetching, waits for the updates being handled
    await closed;
    clearInterval(sweep);
    await turns.drained(); // a turn that outlived its HTTP request (a webhook's timeout answer)
    await runtime.close(); // the reminders runner (its pass under way finishes), the database
    logger.info({ signal, ms: Date.now() - started }, 'stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
