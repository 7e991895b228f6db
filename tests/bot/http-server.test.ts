import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp, listen } from '../../bot/http-server.ts';
import { Store } from '../../store/store.ts';

describe('the HTTP server with no channel endpoints configured', () => {
  let store: Store;
  let base: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    store = await Store.openSqlite(':memory:');
    const server = await listen(createHttpApp({ store, logger: pino({ level: 'silent' }) }), 0, '127.0.0.1');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = async () => {
      await new Promise((resolve) => server.close(resolve));
      await store.close();
    };
  });
  afterAll(() => close());

  it('answers /healthz', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(await response.json()).toEqual({ ok: true, store: 'sqlite', channels: { telegram: false, teams: false }, dashboard: false });
  });

  it('has no /api/messages at all: Teams is never opened by accident', async () => {
    const response = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', conversation: { id: 'x' } }) });
    expect(response.status).toBe(404);
    expect((await fetch(`${base}/telegram/webhook`, { method: 'POST', body: '{}' })).status).toBe(404);
  });
});
