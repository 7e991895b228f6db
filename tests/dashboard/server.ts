/** A dashboard served in-process on a seeded SQLite store, for the HTTP and browser tests. */
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { DashboardAuth } from '../../bot/dashboard/auth.ts';
import { createDashboardRouter } from '../../bot/dashboard/routes.ts';
import { createHttpApp, listen } from '../../bot/http-server.ts';
import type { CoachService } from '../../bot/coach-service.ts';
import { Store } from '../../store/store.ts';
import { playbookCopy } from '../helpers.ts';
import { coach, seed } from './seed.ts';

export const DASHBOARD_TOKEN = 'standing-token-for-tests-0123456789';

export interface DashboardServer {
  base: string;
  auth: DashboardAuth;
  store: Store;
  service: CoachService;
  /** The scratch playbook folder accepted corrections are written to. */
  playbookDir: string;
  close(): Promise<void>;
}

export async function startDashboard(): Promise<DashboardServer> {
  const store = await Store.openSqlite(join(mkdtempSync(join(tmpdir(), 'dashboard-')), 'db.sqlite'));
  const service = await seed(store);
  const playbookDir = playbookCopy();
  const auth = new DashboardAuth('a-secret-of-at-least-16-chars', DASHBOARD_TOKEN);
  const logger = pino({ level: 'silent' });
  const dashboard = createDashboardRouter({ store, logger, playbook: coach().playbook, playbookDir, auth });
  const server = await listen(createHttpApp({ store, logger, dashboard }), 0, '127.0.0.1');
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    auth,
    store,
    service,
    playbookDir,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await store.close();
    },
  };
}
