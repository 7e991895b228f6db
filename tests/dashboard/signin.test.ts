/**
 * Signing in and out, as an attacker and as a manager would: a sign-in link works once, a HEAD
 * does not use it up, a logout holds on every instance sharing the database, and guessing is
 * stopped — per address, and across addresses for anything that is not a genuine link — with the
 * counters shared by every instance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_TOKEN, startDashboard, type DashboardServer } from './server.ts';

const servers: DashboardServer[] = [];
afterAll(async () => {
  for (const server of servers.reverse()) await server.close();
});
async function start(...args: Parameters<typeof startDashboard>): Promise<DashboardServer> {
  const server = await startDashboard(...args);
  servers.push(server);
  return server;
}

const open = (url: string, headers: Record<string, string> = {}) => fetch(url, { redirect: 'manual', headers });
const cookieOf = (response: Response) => response.headers.get('set-cookie')!.split(';')[0]!;
const withToken = (server: DashboardServer, token: string, headers: Record<string, string> = {}) => open(`${server.base}/dashboard/login?token=${encodeURIComponent(token)}`, headers);

describe('a sign-in link', () => {
  let server: DashboardServer;
  beforeAll(async () => {
    server = await start({ empty: true });
  });

  it('works once; a second use is refused with a page that says why, on every instance', async () => {
    const link = server.auth.loginLink(server.base, 'telegram:1');
    const first = await open(link);
    expect(first.status).toBe(303);
    const again = await open(`${link}&lang=en`);
    expect(again.status).toBe(401);
    expect(again.headers.get('set-cookie')).toBeNull();
    expect(await again.text()).toContain('That sign-in link was used already');
    // Another instance on the same database knows it too.
    const other = await start({ store: server.store });
    expect((await open(link.replace(server.base, other.base))).status).toBe(401);
  });

  it('used again in the browser it signed in, just goes to the dashboard', async () => {
    const link = server.auth.loginLink(server.base, 'telegram:1');
    const cookie = cookieOf(await open(link));
    const again = await open(link, { cookie });
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toMatch(/^\/dashboard\?/);
  });

  it('is not used up by a HEAD (a link checker or preview)', async () => {
    const link = server.auth.loginLink(server.base, 'telegram:1');
    const head = await fetch(link, { method: 'HEAD', redirect: 'manual' });
    expect(head.status).toBe(200);
    expect(head.headers.get('set-cookie')).toBeNull();
    expect((await open(link)).status).toBe(303);
  });

  it('the standing token signs in any number of times, by link or by the sign-in form', async () => {
    expect((await withToken(server, DASHBOARD_TOKEN)).status).toBe(303);
    expect((await withToken(server, DASHBOARD_TOKEN)).status).toBe(303);
    const signInPage = await (await open(`${server.base}/dashboard?lang=en`)).text();
    expect(signInPage).toContain('name="token"');
    const post = (origin?: string) =>
      fetch(`${server.base}/dashboard/login?lang=en`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', ...(origin ? { origin } : {}) }, body: `token=${DASHBOARD_TOKEN}` });
    const posted = await post(server.base);
    expect(posted.status).toBe(303);
    expect((await open(`${server.base}/dashboard?lang=en`, { cookie: cookieOf(posted) })).status).toBe(200);
    expect((await post('https://evil.example')).status).toBe(403);
  });
});

describe('signing out', () => {
  it('revokes the session on every instance: the old cookie no longer opens a page or the API', async () => {
    const a = await start({ empty: true });
    const b = await start({ store: a.store });
    const cookie = cookieOf(await open(a.auth.loginLink(a.base, 'telegram:1')));
    expect((await open(`${b.base}/dashboard/api/overview`, { cookie })).status).toBe(200);
    const page = await (await open(`${a.base}/dashboard?lang=en`, { cookie })).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1]!;
    const out = await fetch(`${a.base}/dashboard/logout?lang=en`, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', origin: a.base }, body: `csrf=${csrf}` });
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toMatch(/^coach_dashboard=; .*Max-Age=0/);
    expect(await (await open(new URL(out.headers.get('location')!, a.base).href)).text()).toContain('You are signed out.');
    for (const base of [a.base, b.base]) {
      expect((await open(`${base}/dashboard?lang=en`, { cookie })).status).toBe(401);
      expect((await open(`${base}/dashboard/api/dialogs`, { cookie })).status).toBe(401);
    }
  });

  it('needs the form token (a foreign page cannot sign a manager out)', async () => {
    const a = await start({ empty: true });
    const cookie = cookieOf(await open(a.auth.loginLink(a.base, 'telegram:1')));
    const out = await fetch(`${a.base}/dashboard/logout`, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: 'csrf=nope' });
    expect(out.status).toBe(403);
    expect((await open(`${a.base}/dashboard`, { cookie })).status).toBe(200);
  });
});

describe('guessing', () => {
  it('locks an address out after the failed attempts it is allowed — even with the right token then — until the window passes', async () => {
    let clock = Date.now();
    const server = await start({ empty: true, now: () => clock, signInLimits: { perClient: 5, guesses: 1000, windowMs: 15 * 60_000 } });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await withToken(server, `guess-${i}-0123456789abcdef`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    const locked = await withToken(server, DASHBOARD_TOKEN, { 'accept-language': 'en' });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await locked.text()).toContain('Too many failed sign-ins');
    // Another instance counts the same failures.
    const other = await start({ store: server.store, now: () => clock, signInLimits: { perClient: 5, guesses: 1000 } });
    expect((await withToken(other, DASHBOARD_TOKEN)).status).toBe(429);
    clock += 16 * 60_000;
    expect((await withToken(server, DASHBOARD_TOKEN)).status).toBe(303);
  });

  it('a right answer does not count against the limit', async () => {
    const server = await start({ empty: true, signInLimits: { perClient: 3, guesses: 1000 } });
    for (let i = 0; i < 10; i++) expect((await withToken(server, DASHBOARD_TOKEN)).status).toBe(303);
    expect((await withToken(server, 'wrong-token-0123456789')).status).toBe(401);
  });

  it('across many addresses, guesses lock the token out, while genuine links still sign managers in', async () => {
    const server = await start({ empty: true, trustProxy: true, signInLimits: { perClient: 100, guesses: 6 } });
    const from = (i: number) => ({ 'x-forwarded-for': `203.0.113.${i}` });
    const statuses: number[] = [];
    for (let i = 1; i <= 8; i++) statuses.push((await withToken(server, `distributed-guess-${i}-0123456789`, from(i))).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429, 429]);
    expect((await withToken(server, DASHBOARD_TOKEN, from(50))).status).toBe(429);
    expect((await open(server.auth.loginLink(server.base, 'telegram:1'), from(51))).status).toBe(303);
  });
});
