/**
 * `npm start`: runs every configured channel on one HTTP server until SIGINT/SIGTERM —
 * Telegram when TELEGRAM_BOT_TOKEN is set (webhook mode with TELEGRAM_WEBHOOK_URL, long polling
 * otherwise). With no channel configured it opens the console chat instead.
 */
import type { AddressInfo } from 'node:net';
import { run, type RunnerHandle } from '@grammyjs/runner';
import { runConsole } from './console.ts';
import { createHttpApp, listen } from './http-server.ts';
import { configOrExit, startRuntime } from './runtime.ts';
import { EXIT_CONFIG } from './startup.ts';
import { createTelegramBot, publishCommands } from './telegram.ts';

const teamsRequested = ['TEAMS_DEV', 'clientId'].filter((name) => process.env[name]?.trim());
if (teamsRequested.length) {
  process.stderr.write(`objection-coach: ${teamsRequested.join(', ')} is set, but the Teams channel is not available in this version yet. Unset it to go on.\n`);
  process.exit(EXIT_CONFIG);
}

const config = configOrExit(process.env);
if (!config.telegram) {
  const runtime = await startRuntime({ trustedChannels: ['console'], defaultLogLevel: 'warn' });
  await runConsole(runtime);
  await runtime.close();
} else {
  const runtime = await startRuntime();
  const { logger, service, store } = runtime;
  const telegram = config.telegram;
  const bot = createTelegramBot({ token: telegram.token, apiRoot: telegram.apiRoot, service, store, logger, teamChatId: telegram.teamChatId });
  try {
    await bot.init();
  } catch (err) {
    process.stderr.write(`objection-coach: Telegram did not accept TELEGRAM_BOT_TOKEN (${(err as Error).message})\n`);
    process.exit(EXIT_CONFIG);
  }
  const managers = [...config.managerIds].filter((id) => id.startsWith('telegram:')).map((id) => id.slice('telegram:'.length));
  await publishCommands(bot, managers, logger);

  const app = createHttpApp({ store, logger, telegram: telegram.webhook ? { bot, secret: telegram.webhook.secret } : undefined });
  const server = await listen(app, config.port);
  logger.info({ port: (server.address() as AddressInfo).port, mode: telegram.webhook ? 'webhook' : 'polling', bot: bot.botInfo.username }, 'listening');

  let runner: RunnerHandle | undefined;
  if (telegram.webhook) {
    await bot.api.setWebhook(telegram.webhook.url, { secret_token: telegram.webhook.secret, allowed_updates: ['message', 'callback_query'] });
  } else {
    await bot.api.deleteWebhook();
    runner = run(bot, { runner: { fetch: { allowed_updates: ['message', 'callback_query'] } } });
  }

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
