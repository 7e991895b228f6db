import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startRetention } from '../../bot/retention.ts';
import { Store, type AuditEntry } from '../../store/store.ts';

const DAY = 86_400_000;
const party = { channel: 'telegram', chatId: '1', chatType: 'private', userId: '1', userName: 'Rep' };

async function storeWith(ats: number[]): Promise<Store> {
  const store = await Store.openSqlite(join(mkdtempSync(join(tmpdir(), 'coach-retention-')), 'db.sqlite'));
  for (const [i, at] of ats.entries()) {
    const row: AuditEntry = { ...party, at, kind: 'message', text: `message ${i}` };
    await store.commitTurn({ now: at, delivery: { source: 'telegram', updateId: String(i) }, key: party, plan: () => ({ state: { i }, rows: [row] }) });
  }
  return store;
}

describe('the daily retention run', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs at start, then once a day, until stopped', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const start = Date.UTC(2026, 0, 31);
    let now = start;
    const store = await storeWith([start - 45 * DAY, start - 20 * DAY, start - 1000]);
    const retention = startRetention({ store, logger: pino({ level: 'silent' }), retentionDays: 30, now: () => now });
    try {
      await retention.run(); // waits for the run at start (runs are queued one after another)
      expect((await store.audit.since(0)).map((r) => r.text)).toEqual(['message 1', 'message 2']);
      expect((await store.stats.sizes()).processedUpdates).toBe(1); // deliveries: a day at most

      now = start + 15 * DAY; // two weeks later, the timer fires: message 1 is now 35 days old
      await vi.advanceTimersByTimeAsync(DAY);
      await retention.run();
      expect((await store.audit.since(0)).map((r) => r.text)).toEqual(['message 2']);
    } finally {
      await retention.stop();
    }
    now = start + 60 * DAY;
    await vi.advanceTimersByTimeAsync(2 * DAY); // stopped: nothing more is removed
    expect((await store.audit.since(0)).map((r) => r.text)).toEqual(['message 2']);
    await store.close();
  });

  it('without RETENTION_DAYS keeps the conversations and still forgets processed deliveries', async () => {
    const now = Date.UTC(2026, 0, 31);
    const store = await storeWith([now - 400 * DAY, now - 2 * DAY]);
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    const retention = startRetention({ store, logger: pino({ level: 'silent' }), now: () => now });
    expect(timers()).toBe(before); // the daily timer does not keep the process alive
    await retention.stop();
    expect(await store.stats.sizes()).toEqual({ audit: 2, dialogs: 0, sessions: 1, processedUpdates: 0 });
    await store.close();
  });
});
