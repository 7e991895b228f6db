/** A dashboard served in-process on a seeded SQLite store, for the HTTP and browser tests. */
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { DashboardAuth } from '../../bot/dashboard/auth.ts';
import { createDashboardRouter } from '../../bot/dashboard/routes.ts';
import type { SignInLimits } from '../../bot/dashboard/security.ts';
import { createHttpApp, listen } from '../../bot/http-server.ts';
import type { CoachService } from '../../bot/service/coach-service.ts';
import { Store } from '../../store/store.ts';
import { coach, seed, serviceFor } from './seed.ts';

export const DASHBOARD_TOKEN = 'standing-token-for-tests-0123456789';
export const DASHBOARD_SECRET = 'a-secret-of-at-least-16-chars';

export interface DashboardServer {
  base: string;
  auth: DashboardAuth;
  store: Store;
  service: CoachService;
  /** How many corrections were accepted on this dashboard (its `onAccepted` hook: the instance retrains). */
  accepted(): number;
  close(): Promise<void>;
}

export interface DashboardServerOptions {
  /** Another instance's store (same database): nothing is seeded, and closing leaves it open. */
  store?: Store;
  /** Start with an empty database. */
  empty?: boolean;
  timeZone?: string;
  signInLimits?: SignInLimits;
  /** Trust X-Forwarded-For (a proxy in front), so tests can come from several addresses. */
  trustProxy?: boolean;
  /** The clock of links, sessions and rate limits. */
  now?: () => number;
  /** The store's host name in `base` (127.0.0.1 by default). */
  host?: string;
}

export async function startDashboard(options: DashboardServerOptions = {}): Promise<DashboardServer> {
  const store = options.store ?? (await Store.openSqlite(join(mkdtempSync(join(tmpdir(), 'dashboard-')), 'db.sqlite')));
  const service = options.store || options.empty ? serviceFor(store) : await seed(store);
  let accepted = 0;
  const auth = new DashboardAuth(DASHBOARD_SECRET, DASHBOARD_TOKEN, options.now);
  const logger = pino({ level: 'silent' });
  const dashboard = createDashboardRouter({ store, logger, playbook: coach().playbook, onAccepted: () => void accepted++, auth, timeZone: options.timeZone, signInLimits: options.signInLimits });
  const app = createHttpApp({ store, logger, dashboard });
  if (options.trustProxy) app.set('trust proxy', 'loopback');
  const server = await listen(app, 0, '127.0.0.1');
  return {
    base: `http://${options.host ?? '127.0.0.1'}:${(server.address() as AddressInfo).port}`,
    auth,
    store,
    service,
    accepted: () => accepted,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      if (!options.store) await store.close();
    },
  };
}
