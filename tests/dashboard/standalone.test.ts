/**
 * A deployment without chat access: `DASHBOARD_TOKEN=… npm start` serves only the dashboard,
 * signed in with the standing token.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, waitListening } from '../helpers.ts';

const TOKEN = 'standalone-dashboard-token-42';
const port = 30000 + Math.floor(Math.random() * 20000);
let server: ReturnType<typeof startServer>;

beforeAll(async () => {
  server = startServer({ DASHBOARD_TOKEN: TOKEN, PORT: String(port), DATA_DIR: mkdtempSync(join(tmpdir(), 'standalone-')) });
  await waitListening(server);
}, 60_000);
afterAll(async () => {
  expect(await server.stop()).toBe(0);
});

describe('dashboard-only deployment', () => {
  it('runs the HTTP server with the dashboard and no chat channel', async () => {
    const health = await (await fetch(`http://127.0.0.1:${port}/healthz`)).json();
    expect(health).toMatchObject({ ok: true, store: 'sqlite', channels: { telegram: false, teams: false }, dashboard: true });
    expect(Object.keys(health).sort()).toEqual(['channels', 'classifier', 'dashboard', 'ok', 'store']);
    expect(server.output()).toContain('DASHBOARD_SECRET is not set');
  });

  it('signs in with DASHBOARD_TOKEN and refuses a wrong one', async () => {
    const wrong = await fetch(`http://127.0.0.1:${port}/dashboard/login?token=not-the-token-at-all`, { redirect: 'manual' });
    expect(wrong.status).toBe(401);
    const right = await fetch(`http://127.0.0.1:${port}/dashboard/login?token=${TOKEN}`, { redirect: 'manual' });
    expect(right.status).toBe(303);
    const cookie = right.headers.get('set-cookie')!.split(';')[0]!;
    const overview = await fetch(`http://127.0.0.1:${port}/dashboard?lang=zh`, { headers: { cookie } });
    expect(overview.status).toBe(200);
    expect(await overview.text()).toContain('这段时间没有记录');
  });
});
