import { describe, expect, it } from 'vitest';
import type { Store } from '../../store/store.ts';
import { seed } from '../dashboard/seed.ts';
import { BACKENDS, withStore } from './backends.ts';

const DAY = 86_400_000;

describe.each(BACKENDS)('dashboard queries on $name', ({ make, skip }) => {
  let store: Store;
  let queries: Store['dashboard'];
  const start = Date.UTC(2026, 10, 20, 1, 30);
  withStore({ make, skip }, async (opened) => {
    store = opened;
    let tick = 0;
    await seed(store, () => start + tick++ * 60_000); // one minute per message
    queries = store.dashboard;
  }, 60_000);
  const period = { sinceMs: start - DAY, untilMs: start + DAY };

  it.skipIf(skip)('counts the funnel: quotes, walks started, finished, booked', async () => {
    const overview = await queries.overview(period);
    expect(overview.funnel).toEqual({ dialogs: 6, started: 6, finished: 3, booked: 1 });
  });

  it.skipIf(skip)('counts objections per type per day, per rep and per hour', async () => {
    const overview = await queries.overview(period);
    const day = Math.floor(start / DAY);
    expect(overview.perDay.filter((r) => r.day === day).map((r) => [r.label, r.n]).sort()).toEqual([['deal_size', 3], ['timing', 1], ['trust', 2]]);
    expect(overview.perRep.find((r) => r.userName === 'Li Wei')).toMatchObject({ total: 2, timing: 1, deal_size: 1 });
    expect(overview.perHour.reduce((n, r) => n + r.n, 0)).toBe(6);
    expect(overview.perHour.every((r) => r.hour >= 0 && r.hour < 24)).toBe(true);
  });

  it.skipIf(skip)('shifts days and hours into the viewer\'s time zone', async () => {
    const utc = await queries.overview(period, 0);
    const beijing = await queries.overview(period, 8 * 60);
    expect(beijing.perHour.map((r) => r.hour)).toEqual(utc.perHour.map((r) => (r.hour + 8) % 24).sort((a, b) => a - b));
  });

  it.skipIf(skip)('gives the correction rate per type the classifier said', async () => {
    const overview = await queries.overview(period);
    const rate = Object.fromEntries(overview.corrections.map((c) => [c.label, [c.corrected, c.classified]]));
    expect(rate).toMatchObject({ timing: [1, 2], none: [1, 1], deal_size: [0, 2] });
  });

  it.skipIf(skip)('filters dialogs by rep, type, outcome, text and dates, and pages them', async () => {
    expect((await queries.dialogs({ rep: 'sam' })).total).toBe(2);
    expect((await queries.dialogs({ rep: '11' })).total).toBe(2);
    expect((await queries.dialogs({ label: 'trust' })).rows.map((r) => r.user_name).sort()).toEqual(['Ana <script>alert(1)</script>', 'Zhang Min']);
    expect((await queries.dialogs({ outcome: 'booked' })).rows.map((r) => r.quote)).toEqual(['等着看吧，下次再说']);
    expect((await queries.dialogs({ outcome: 'none' })).total).toBe(3);
    expect((await queries.dialogs({ q: '老婆' })).total).toBe(1);
    expect((await queries.dialogs({ q: '100%_' })).total).toBe(0);
    expect((await queries.dialogs({ sinceMs: start + DAY })).total).toBe(0);
    const page = await queries.dialogs({}, 3, 2);
    expect(page).toMatchObject({ total: 6, page: 3, pageSize: 2 });
    expect(page.rows).toHaveLength(2);
    expect(page.rows[1]!.quote).toBe('等着看吧，下次再说'); // newest first: the first dialog is last
  });

  it.skipIf(skip)('shows one dialog as a transcript: the quote, its classification, the steps, the outcome', async () => {
    const [first] = (await queries.dialogs({ outcome: 'booked' })).rows;
    const kinds = (await queries.transcript(first!.id)).map((r) => r.kind);
    expect(kinds.slice(0, 3)).toEqual(['message', 'classified', 'reply']);
    expect(kinds).toContain('step');
    expect(kinds).toContain('outcome');
    expect(first).toMatchObject({ label: 'timing', started: 1, finished: 1, outcome: 'booked', steps: 6, last_step: 'next_step' });
  });

  it.skipIf(skip)('lists corrections for review, and takes a decision once', async () => {
    const pending = await queries.corrections();
    expect(pending.map((d) => [d.predicted, d.corrected]).sort()).toEqual([['none', 'deal_size'], ['timing', 'trust']]);
    const accepted = await queries.review(pending[0]!.id, 'accepted', 'telegram:1');
    expect(accepted).toMatchObject({ review: 'accepted', reviewed_by: 'telegram:1' });
    expect(await queries.review(pending[0]!.id, 'rejected', 'telegram:1')).toBeUndefined();
    expect(await queries.corrections()).toHaveLength(1);
  });
});
