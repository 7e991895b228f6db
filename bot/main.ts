/**
 * `npm start`: runs the configured channels, or the console chat when none is configured.
 * The Telegram and Teams adapters are not built yet; asking for them is refused clearly rather
 * than silently falling back to the console.
 */
import { runConsole } from './console.ts';
import { startRuntime } from './runtime.ts';
import { EXIT_CONFIG } from './startup.ts';

const requested = ['TELEGRAM_BOT_TOKEN', 'TEAMS_DEV', 'clientId'].filter((name) => process.env[name]?.trim());
if (requested.length) {
  process.stderr.write(`objection-coach: ${requested.join(', ')} is set, but the Telegram and Teams channels are not available in this version yet. Unset it to use the console chat.\n`);
  process.exit(EXIT_CONFIG);
}
const runtime = await startRuntime({ trustedChannels: ['console'], defaultLogLevel: 'warn' });
await runConsole(runtime);
await runtime.close();
