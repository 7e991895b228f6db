/**
 * The reminders queue on both databases: scheduling is idempotent, a due reminder is claimed by
 * one caller only (two connections racing, the PostgreSQL case of two instances), a claim whose
 * holder died is taken again after its lease, failed sends come back at their retry time,
 * quiet-hours deferral does not count as an attempt, and cancelled ones never come back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewReminder, Store } from '../../store/store.ts';
import { BACKENDS, type Backend } from './backends.ts';

const HOUR = 3_600_000;
const at = (id: string, dueAt: number, dealId = 'deal-1', userId = 'u1'): NewReminder => ({
  id,
  channel: 'telegram',
  chatId: userId,
  userId,
  dealId,
  kind: 'meeting_day',
  lang: 'zh',
  payload: { text: `提醒 ${id}`, buttons: [{ label: '已发送', action: 'x' }] },
  dueAt,
});

describe.each(BACKENDS)('the reminders queue on $name', ({ name, make, skip }) => {
  let backend: Backend;
  let store: Store;
  let other: Store;
  beforeAll(async () => {
    if (skip) return;
    backend = make();
    store = await backend.open();
    other = await backend.reopen();
  });
  afterAll(async () => {
    if (skip) return;
    await other.close();
    await store.close();
    await backend.cleanup();
  });

  it.skipIf(skip)('keeps one row per id, moves a pending one to its new time, and hands out only due ones', async () => {
    await store.reminders.schedule([at('a', 10 * HOUR), at('b', 20 * HOUR)], 0);
    await store.reminders.schedule([at('a', 11 * HOUR)], 1);
    const pending = await store.reminders.of('telegram', 'u1');
    expect(pending.map((r) => [r.id, r.dueAt])).toEqual([['a', 11 * HOUR], ['b', 20 * HOUR]]);
    expect(pending[0]!.payload).toEqual({ text: '提醒 a', buttons: [{ label: '已发送', action: 'x' }] });
    expect(await store.claimDueReminders({ now: 10 * HOUR, limit: 10, leaseMs: 60_000 })).toEqual([]);
    const claimed = await store.claimDueReminders({ now: 12 * HOUR, limit: 10, leaseMs: 60_000 });
    expect(claimed.map((r) => r.id)).toEqual(['a']);
    expect(claimed[0]!.attempts).toBe(1);
    await store.reminders.markSent('a', { at: 12 * HOUR, late: true });
    expect((await store.reminders.of('telegram', 'u1', 'sent')).map((r) => r.id)).toEqual(['a']);
    // Scheduling a sent reminder again does not resend it.
    await store.reminders.schedule([at('a', 13 * HOUR)], 2);
    expect(await store.claimDueReminders({ now: 14 * HOUR, limit: 10, leaseMs: 60_000 })).toEqual([]);
    await store.reminders.cancel('deal-1');
    expect(await store.claimDueReminders({ now: 30 * HOUR, limit: 10, leaseMs: 60_000 })).toEqual([]);
  });

  // Two connections to one SQLite file in one process would block each other's event loop (the
  // driver is synchronous); SQLite serves one instance, whose claims go through one connection.
  it.skipIf(skip)('gives each due reminder to exactly one of two connections claiming at once', async () => {
    const second = name === 'postgres' ? other : store;
    const many = Array.from({ length: 40 }, (_, i) => at(`race-${i}`, 100 * HOUR + i, 'deal-race', 'u2'));
    await store.reminders.schedule(many, 0);
    const now = 200 * HOUR;
    const rounds = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 ? second : store).claimDueReminders({ now, limit: 7, leaseMs: 60_000 })),
    );
    const ids = rounds.flat().map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(40);
    for (const id of ids) await store.reminders.markSent(id, { at: now, late: false });
  });

  it.skipIf(skip)('takes a reminder again when its claim expired, and after a failed send at the retry time', async () => {
    await store.reminders.schedule([at('lease', 300 * HOUR, 'deal-lease', 'u3')], 0);
    const now = 301 * HOUR;
    expect(await store.claimDueReminders({ now, limit: 5, leaseMs: 60_000 })).toHaveLength(1);
    expect(await other.claimDueReminders({ now: now + 30_000, limit: 5, leaseMs: 60_000 })).toHaveLength(0);
    const again = await other.claimDueReminders({ now: now + 61_000, limit: 5, leaseMs: 60_000 });
    expect(again.map((r) => [r.id, r.attempts])).toEqual([['lease', 2]]);
    await other.reminders.markFailed('lease', { error: 'chat not found', retryAt: now + 10 * 60_000 });
    expect(await store.claimDueReminders({ now: now + 5 * 60_000, limit: 5, leaseMs: 60_000 })).toHaveLength(0);
    const third = await store.claimDueReminders({ now: now + 10 * 60_000, limit: 5, leaseMs: 60_000 });
    expect(third[0]!.attempts).toBe(3);
    await store.reminders.markFailed('lease', { error: 'chat not found', retryAt: null });
    expect(await store.claimDueReminders({ now: now + 100 * HOUR, limit: 5, leaseMs: 60_000 })).toHaveLength(0);
    expect((await store.reminders.of('telegram', 'u3', 'failed')).map((r) => r.id)).toEqual(['lease']);
  });

  it.skipIf(skip)('defers without counting an attempt, and /remind off cancels all of a rep', async () => {
    await store.reminders.schedule([at('quiet', 400 * HOUR, 'deal-q', 'u4'), at('quiet-2', 401 * HOUR, 'deal-q2', 'u4')], 0);
    const [first] = await store.claimDueReminders({ now: 400 * HOUR, limit: 1, leaseMs: 60_000 });
    await store.reminders.defer(first!.id, 408 * HOUR);
    const later = await store.claimDueReminders({ now: 408 * HOUR, limit: 5, leaseMs: 60_000 });
    expect(later.find((r) => r.id === 'quiet')?.attempts).toBe(1);
    for (const r of later) await store.reminders.defer(r.id, 500 * HOUR);
    expect(await store.reminders.cancelAllOf('telegram', 'u4')).toBe(2);
    expect(await store.claimDueReminders({ now: 600 * HOUR, limit: 5, leaseMs: 60_000 })).toEqual([]);
  });
});
