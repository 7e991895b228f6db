/**
 * `npm start`: runs every configured channel on one HTTP server until SIGINT/SIGTERM —
 * Telegram when TELEGRAM_BOT_TOKEN is set (webhook mode with TELEGRAM_WEBHOOK_URL, long polling
 * otherwise), Teams when its credentials (clientId, clientSecret, tenantId) or TEAMS_DEV=1 are
 * set — and the managers' dashboard at /dashboard. With no channel configured (and no
 * DASHBOARD_TOKEN for a dashboard-only deployment) it opens the console chat instead.
 */
import type { AddressInfo } from 'node:net';
import { run, type RunnerHandle } from '@grammyjs/runner';
import { loadAuthConfigFromEnv } from '@microsoft/agents-hosting';
import type { Bot } from 'grammy';
import { runConsole } from './console.ts';
import { loadConfig } from './config.ts';
import { createHttpApp, listen, type HttpOptions } from './http-server.ts';
import { startRuntime } from './runtime.ts';
import { createDashboardRouter } from './dashboard/routes.ts';
import { playbookDir, startupFailure } from './startup.ts';
import { createTeamsHandler } from './teams.ts';
import { createTelegramBot, publishCommands } from './telegram.ts';
import { initBot } from './telegram-guard.ts';

/** Runs a start-up step; a failure start-up expects ends the process with one line and its exit code. */
async function orExit<T>(step: () => T | Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    const failure = startupFailure(err);
    if (!failure) throw err;
    process.stderr.write(`objection-coach: ${failure.message}\n`);
    process.exit(failure.exitCode);
  }
}

const config = await orExit(() => loadConfig(process.env));
if (!config.telegram && !config.teams && !config.dashboard.token) {
  const runtime = await orExit(() => startRuntime({ trustedChannels: ['console'], defaultLogLevel: 'warn' }));
  await runConsole(runtime);
  await runtime.close();
} else {
  const runtime = await orExit(() => startRuntime({ dashboard: true }));
  const { logger, service, store, coach } = runtime;
  const http: HttpOptions = {
    store,
    logger,
    dashboard: createDashboardRouter({ store, logger, playbook: coach.playbook, playbookDir: playbookDir(), auth: runtime.dashboardAuth }),
  };
  if (!config.dashboard.secret) logger.warn('DASHBOARD_SECRET is not set: dashboard links and sessions are valid for this process only');

  let bot: Bot | undefined;
  const telegram = config.telegram;
  if (telegram) {
    bot = createTelegramBot({ token: telegram.token, apiRoot: telegram.apiRoot, service, store, logger, teamChatId: telegram.teamChatId });
    await orExit(() => initBot(bot!, { apiRoot: telegram.apiRoot }));
    const managers = [...config.managerIds].filter((id) => id.startsWith('telegram:')).map((id) => id.slice('telegram:'.length));
    await publishCommands(bot, managers, logger);
    if (telegram.webhook) http.telegram = { bot, secret: telegram.webhook.secret };
  }

  // Without credentials, Teams answers unauthenticated requests — so only in explicit local
  // development, and then only on the loopback interface.
  const localOnly = config.teams?.dev === true && !config.teams.clientId;
  if (config.teams) {
    const authConfig = loadAuthConfigFromEnv();
    http.teams = { authConfig, handler: createTeamsHandler({ authConfig, service, store, logger }) };
    if (localOnly) logger.warn('TEAMS_DEV=1 without credentials: /api/messages accepts unauthenticated requests, on 127.0.0.1 only');
  }

  const server = await orExit(() => listen(createHttpApp(http), config.port, localOnly ? '127.0.0.1' : undefined));
  logger.info({ port: (server.address() as AddressInfo).port, host: localOnly ? '127.0.0.1' : '0.0.0.0', telegram: telegram ? (telegram.webhook ? 'webhook' : 'polling') : 'off', teams: config.teams ? (localOnly ? 'dev' : 'on') : 'off', bot: bot?.botInfo.username }, 'listening');

  let runner: RunnerHandle | undefined;
  if (bot && telegram?.webhook) {
    await bot.api.setWebhook(telegram.webhook.url, { secret_token: telegram.webhook.secret, allowed_updates: ['message', 'callback_query'] });
  } else if (bot) {
    await bot.api.deleteWebhook();
    runner = run(bot, { runner: { fetch: { allowed_updates: ['message', 'callback_query'] } } });
  }

  // The last safety net: a stray rejection is logged, never the end of the bot.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    if (runner?.isRunning()) await runner.stop();
    await new Promise((resolve) => server.close(resolve));
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
