import { describe, expect, it } from 'vitest';
import type { AuditEntry, Store } from '../../store/store.ts';
import { BACKENDS, withStore } from './backends.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 30);
const party = { channel: 'telegram', chatId: '400', chatType: 'private', userId: '5', userName: 'Old Rep' };

/** One turn at `at`: a session, a quote in the audit log, its dialog, its delivery. */
async function turnAt(store: Store, at: number, name: string): Promise<void> {
  const row: AuditEntry = { ...party, userId: name, at, dialog: `d-${name}`, kind: 'message', text: `quote of ${name}` };
  await store.commitTurn({
    now: at,
    delivery: { source: 'telegram', updateId: `u-${name}` },
    key: { channel: 'telegram', chatId: '400', userId: name },
    plan: () => ({
      state: { name },
      rows: [row],
      dialog: { id: `d-${name}`, start: { id: `d-${name}`, at, channel: 'telegram', chatId: '400', userId: name, userName: 'Old Rep', quote: `quote of ${name}`, predicted: 'timing', confidence: 0.8 }, change: {} },
    }),
  });
}

describe.each(BACKENDS)('retention on $name', ({ make, skip }) => {
  let store: Store;
  withStore({ make, skip }, async (opened) => {
    store = opened;
    await turnAt(store, NOW - 40 * DAY, 'old'); // older than a 30-day window
    await turnAt(store, NOW - 2 * DAY, 'recent'); // inside the window, but its delivery is over a day old
    await turnAt(store, NOW - 60_000, 'fresh'); // a minute ago
  });

  it.skipIf(skip)('without a window, forgets only deliveries older than a day', async () => {
    expect(await store.prune({ now: NOW })).toEqual({ audit: 0, dialogs: 0, deals: 0, sessions: 0, reminders: 0, conversationRefs: 0, processedUpdates: 2 });
    expect(await store.stats.sizes()).toEqual({ audit: 3, dialogs: 3, sessions: 3, processedUpdates: 1 });
    // A forgotten delivery that came back would be a new turn; the fresh one is still a duplicate.
    const fresh = await store.commitTurn({ now: NOW, delivery: { source: 'telegram', updateId: 'u-fresh' }, plan: () => ({ rows: [] }) });
    expect(fresh).toMatchObject({ status: 'duplicate' });
  });

  it.skipIf(skip)('with a window, forgets every trace of older conversations: audit rows, dialogs, idle sessions', async () => {
    expect(await store.prune({ now: NOW, retentionDays: 30 })).toEqual({ audit: 1, dialogs: 1, deals: 0, sessions: 1, reminders: 0, conversationRefs: 0, processedUpdates: 0 });
    const everything = JSON.stringify([await store.audit.since(0), await store.dashboard.allDialogs({}), await store.sessions.load({ channel: 'telegram', chatId: '400', userId: 'old' })]);
    expect(everything).not.toContain('quote of old');
    expect(everything).toContain('quote of recent');
    expect(await store.sessions.load({ channel: 'telegram', chatId: '400', userId: 'recent' })).toEqual({ state: { name: 'recent' }, version: 1 });
    expect(await store.stats.sizes()).toEqual({ audit: 2, dialogs: 2, sessions: 2, processedUpdates: 1 });
  });
});
