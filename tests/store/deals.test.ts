/**
 * The deals summary on both databases: a turn writes its deals and its reminders in its own
 * transaction (a turn that loses its session race writes neither), a row is updated in place
 * as the deal moves, and the managers' pipeline reads open deals by type and age (stalled
 * longest first), outcomes with and without a follow-up before them, and reminders sent versus
 * acted on.
 */
import { describe, expect, it } from 'vitest';
import type { DealSummary, NewReminder, Store } from '../../store/store.ts';
import { BACKENDS, withStore } from './backends.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 30, 1);
const party = { channel: 'telegram', chatId: '7', chatType: 'private' as const, userId: '7', userName: 'Li' };
const key = { channel: 'telegram', chatId: '7', userId: '7' };

function deal(id: string, over: Partial<DealSummary> = {}): DealSummary {
  return { id, channel: 'telegram', chatId: '7', userId: '7', userName: 'Li', alias: null, objection: 'timing', types: ['timing'], quotes: 1, messages: 2, closed: false, outcome: null, nextAt: null, followUp: null, followedUp: false, openedAt: NOW - DAY, updatedAt: NOW, ...over };
}
const reminder = (id: string, dealId: string, dueAt: number): NewReminder => ({ id, channel: 'telegram', chatId: '7', userId: '7', dealId, kind: 'meeting_day', lang: 'en', timeZone: 'Asia/Shanghai', payload: { text: 'Today: the trial with Acme' }, dueAt });

describe.each(BACKENDS)('the deals summary on $name', ({ make, skip }) => {
  let store: Store;
  withStore({ make, skip }, (ready) => {
    store = ready;
  });

  it.skipIf(skip)("writes a turn's deal and its reminder with the session, and nothing when the turn loses the race", async () => {
    const write = { state: { v: 1 }, rows: [], deals: [deal('d-acme', { alias: 'Acme', nextAt: NOW + DAY, followUp: { kind: 'meeting_day', at: NOW + DAY - 2 * 3_600_000 } })], reminders: { schedule: [reminder('d-acme:meeting_day', 'd-acme', NOW + DAY)], cancel: [] } };
    const first = await store.commitTurn({ now: NOW, key, plan: () => write });
    expect(first.status).toBe('committed');
    expect((await store.reminders.ofDeal('d-acme')).map((r) => [r.id, r.status, r.timeZone])).toEqual([['d-acme:meeting_day', 'pending', 'Asia/Shanghai']]);
    // A second writer that planned on no session (stale) conflicts: neither its deal nor its reminder is written.
    const stale = await store.commitTurn({ now: NOW, key, known: { state: null, version: 0 }, plan: () => ({ state: { v: 2 }, rows: [], deals: [deal('d-ghost')], reminders: { schedule: [reminder('d-ghost:meeting_day', 'd-ghost', NOW)], cancel: [] } }) });
    expect(stale.status).toBe('conflict');
    expect(await store.reminders.ofDeal('d-ghost')).toEqual([]);
    expect((await store.deals.pipeline({ now: NOW })).open.map((d) => d.id)).toEqual(['d-acme']);
  });

  it.skipIf(skip)('cancels a closed deal’s reminders in the turn that closes it, and updates its row in place', async () => {
    const session = await store.sessions.load(key);
    const closed = await store.commitTurn({ now: NOW + 1, key, known: session!, plan: () => ({ state: { v: 3 }, rows: [{ ...party, at: NOW + 1, kind: 'deal', detail: 'closed' }], deals: [deal('d-acme', { alias: 'Acme', closed: true, outcome: 'lost', followedUp: true, updatedAt: NOW + 1 })], reminders: { schedule: [], cancel: [{ dealId: 'd-acme' }] } }) });
    expect(closed.status).toBe('committed');
    expect((await store.reminders.ofDeal('d-acme')).map((r) => r.status)).toEqual(['cancelled']);
    const pipeline = await store.deals.pipeline({ now: NOW + 2 });
    expect(pipeline.open).toEqual([]);
    expect(pipeline.outcomes).toEqual([{ outcome: 'lost', afterFollowUp: true, deals: 1 }]);
    expect(pipeline.reminders.actedOn).toBe(1);
  });

  it.skipIf(skip)('gives the pipeline by type and age, stalled longest first, and counts reminders sent', async () => {
    await store.deals.save([
      deal('d-fresh', { objection: 'trust', updatedAt: NOW - 1 * DAY }),
      deal('d-week', { objection: 'trust', updatedAt: NOW - 5 * DAY }),
      deal('d-old', { objection: 'deal_size', alias: '王总', updatedAt: NOW - 20 * DAY }),
      deal('d-won', { closed: true, outcome: 'booked', updatedAt: NOW }),
    ]);
    await store.reminders.schedule([reminder('d-week:meeting_day', 'd-week', NOW - DAY)], NOW - 2 * DAY);
    const [due] = await store.claimDueReminders({ now: NOW, limit: 5, leaseMs: 60_000 });
    await store.reminders.markSent(due!.id, { at: NOW, late: true });
    const pipeline = await store.deals.pipeline({ now: NOW });
    expect(pipeline.open.map((d) => [d.id, d.ageDays])).toEqual([['d-old', 20], ['d-week', 5], ['d-fresh', 1]]);
    expect(pipeline.open[0]!.alias).toBe('王总');
    expect(pipeline.byType).toEqual({ deal_size: { fresh: 0, week: 0, stalled: 1 }, trust: { fresh: 1, week: 1, stalled: 0 } });
    expect(pipeline.outcomes).toEqual(expect.arrayContaining([{ outcome: 'booked', afterFollowUp: false, deals: 1 }]));
    expect(pipeline.reminders).toMatchObject({ sent: 1, late: 1 });
  });

  it.skipIf(skip)('forgets closed deals after the retention window, never open ones', async () => {
    const pruned = await store.prune({ now: NOW + 40 * DAY, retentionDays: 30 });
    expect(pruned.deals).toBe(2); // d-acme and d-won, both closed
    expect((await store.deals.pipeline({ now: NOW + 40 * DAY })).open).toHaveLength(3);
  });
});
