/**
 * The daily retention run: what the store forgets (see store/retention.ts) — processed deliveries
 * after a day always, conversation data after RETENTION_DAYS when it is set. Runs once at start,
 * then every `intervalMs` on a timer that never keeps the process alive.
 */
import type { Store } from '../store/store.ts';
import type { Logger } from './logger.ts';

const DAY_MS = 86_400_000;

export interface Retention {
  /** One run now (what the timer does); resolves with nothing, logs what was removed. */
  run(): Promise<void>;
  /** Stops the timer; resolves when a run under way has finished. */
  stop(): Promise<void>;
}

export function startRetention(options: { store: Store; logger: Logger; retentionDays?: number; intervalMs?: number; now?: () => number }): Retention {
  const { store, logger, retentionDays } = options;
  const now = options.now ?? Date.now;
  let running: Promise<void> = Promise.resolve();
  const once = async () => {
    try {
      const removed = await store.prune({ now: now(), retentionDays });
      if (Object.values(removed).some((n) => n > 0)) logger.info({ removed, retentionDays }, 'retention: removed old rows');
    } catch (err) {
      logger.error({ err }, 'retention run failed');
    }
  };
  const run = () => (running = running.then(once));
  const timer = setInterval(() => void run(), options.intervalMs ?? DAY_MS);
  timer.unref();
  void run();
  return {
    run,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
