/**
 * Security headers on every dashboard answer: pages, the API, assets, the CSV, redirects, and the
 * answers nobody looks at twice — 401, 403, 404, 429 and a server error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { AddressInfo } from 'node:net';
import { DashboardAuth } from '../../bot/dashboard/auth.ts';
import { createDashboardRouter } from '../../bot/dashboard/routes.ts';
import { createHttpApp, listen } from '../../bot/http-server.ts';
import type { Store } from '../../store/store.ts';
import { coach } from './seed.ts';
import { DASHBOARD_SECRET, startDashboard, type DashboardServer } from './server.ts';

let server: DashboardServer;
let cookie: string;
let csrf: string;
let dialogId: string;

beforeAll(async () => {
  server = await startDashboard({ signInLimits: { perClient: 2, guesses: 100 } });
  cookie = (await fetch(server.auth.loginLink(server.base, 'telegram:1'), { redirect: 'manual' })).headers.get('set-cookie')!.split(';')[0]!;
  const page = await (await fetch(`${server.base}/dashboard/review`, { headers: { cookie } })).text();
  csrf = /name="csrf" value="([^"]+)"/.exec(page)![1]!;
  dialogId = ((await (await fetch(`${server.base}/dashboard/api/dialogs`, { headers: { cookie } })).json()) as { rows: { id: string }[] }).rows[0]!.id;
}, 60_000);
afterAll(() => server.close());

function expectHeaders(response: Response, what: string): void {
  const h = response.headers;
  const missing = Object.entries({
    'content-security-policy': /default-src 'self'.*script-src 'self'.*frame-ancestors 'none'/,
    'x-content-type-options': /^nosniff$/,
    'x-frame-options': /^DENY$/,
    'referrer-policy': /^same-origin$/,
    'strict-transport-security': /max-age=\d+/,
    'cross-origin-opener-policy': /^same-origin$/,
    'cache-control': /no-store/,
  })
    .filter(([name, pattern]) => !pattern.test(h.get(name) ?? ''))
    .map(([name]) => name);
  expect(missing, `${what} (${response.status}) lacks`).toEqual([]);
  expect(h.get('x-powered-by'), what).toBeNull();
}

describe('security headers', () => {
  it('are on every route, signed in or not, found or not', async () => {
    const signedIn = { cookie };
    const cases: [string, RequestInit, number][] = [
      ['/dashboard', { headers: signedIn }, 200],
      ['/dashboard?days=30&tz=Asia/Shanghai', { headers: signedIn }, 200],
      ['/dashboard/dialogs', { headers: signedIn }, 200],
      [`/dashboard/dialogs/${dialogId}`, { headers: signedIn }, 200],
      ['/dashboard/dialogs/no-such-dialog', { headers: signedIn }, 404],
      ['/dashboard/dialogs.csv', { headers: signedIn }, 200],
      ['/dashboard/review', { headers: signedIn }, 200],
      ['/dashboard/api/overview', { headers: signedIn }, 200],
      ['/dashboard/api/dialogs', { headers: signedIn }, 200],
      [`/dashboard/api/dialogs/${dialogId}`, { headers: signedIn }, 200],
      ['/dashboard/api/dialogs/no-such-dialog', { headers: signedIn }, 404],
      ['/dashboard/api/nothing-here', { headers: signedIn }, 404],
      ['/dashboard/nothing-here', { headers: signedIn }, 404],
      ['/dashboard/assets/dashboard.css', {}, 200],
      ['/dashboard/assets/tz.js', {}, 200],
      ['/dashboard/assets/chart.umd.min.js', {}, 200],
      ['/dashboard/assets/missing.js', {}, 401],
      ['/dashboard', {}, 401],
      ['/dashboard/api/overview', {}, 401],
      ['/dashboard/dialogs.csv', {}, 401],
      ['/dashboard/nothing-here', {}, 401],
      [server.auth.loginLink('', 'telegram:1'), {}, 303],
      ['/dashboard/login', { method: 'HEAD' }, 200],
      ['/dashboard/review/x', { method: 'POST', headers: { ...signedIn, 'content-type': 'application/x-www-form-urlencoded' }, body: 'decision=accepted' }, 403],
      ['/dashboard/review/x', { method: 'POST', headers: { ...signedIn, 'content-type': 'application/x-www-form-urlencoded' }, body: `decision=maybe&csrf=${csrf}` }, 400],
      ['/dashboard/review/no-such-dialog', { method: 'POST', headers: { ...signedIn, 'content-type': 'application/x-www-form-urlencoded' }, body: `decision=accepted&csrf=${csrf}` }, 404],
      ['/dashboard/review/x', { method: 'POST', headers: { ...signedIn, 'content-type': 'application/x-www-form-urlencoded' }, body: `csrf=${'x'.repeat(20_000)}` }, 413],
      ['/dashboard/login?token=wrong-0123456789abcdef', {}, 401],
      ['/dashboard/login?token=wrong-0123456789abcdef', {}, 401],
      ['/dashboard/login?token=wrong-0123456789abcdef', {}, 429],
    ];
    for (const [path, init, status] of cases) {
      const response = await fetch(path.startsWith('http') ? path : `${server.base}${path}`, { redirect: 'manual', ...init });
      expect(response.status, `${init.method ?? 'GET'} ${path}`).toBe(status);
      expectHeaders(response, `${init.method ?? 'GET'} ${path}`);
    }
  });

  it('are on a server error too, which says nothing of its cause', async () => {
    // A store whose database is gone: every query fails.
    const broken = await startDashboard({ empty: true });
    const failing = new Proxy(broken.store, { get: (target, key) => (key === 'dashboard' ? new Proxy(target.dashboard, { get: () => async () => { throw new Error('database unreachable at 10.0.0.7'); } }) : Reflect.get(target, key)) }) as Store;
    const auth = new DashboardAuth(DASHBOARD_SECRET, undefined);
    const router = createDashboardRouter({ store: failing, logger: pino({ level: 'silent' }), playbook: coach().playbook, auth, authState: { claimKey: async () => true, hasKey: async () => false, countHit: async () => ({ hits: 1, resetAt: Date.now() + 1000 }), uncountHit: async () => {}, forgetKey: async () => {}, prune: async () => 0 } });
    const app = await listen(createHttpApp({ store: broken.store, logger: pino({ level: 'silent' }), dashboard: router }), 0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
    const session = `coach_dashboard=${auth.newSession('telegram:1').cookie}`;
    for (const path of ['/dashboard?lang=en', '/dashboard/api/overview']) {
      const response = await fetch(`${base}${path}`, { headers: { cookie: session } });
      expect(response.status).toBe(500);
      expectHeaders(response, path);
      const body = await response.text();
      expect(body).not.toContain('10.0.0.7');
    }
    expect(await (await fetch(`${base}/dashboard?lang=en`, { headers: { cookie: session } })).text()).toContain('Something went wrong on the server');
    await new Promise((resolve) => app.close(resolve));
    await broken.close();
  });
});
