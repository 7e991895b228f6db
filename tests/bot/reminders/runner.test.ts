/**
 * The reminders runner on both databases, with a controlled clock (no waiting on wall time): a
 * booked time typed in Chinese or English fires its reminder once, at its time; a reminder due
 * while the process was down goes out at start, marked late and saying so; quiet hours hold it
 * until they end; a rep who turned reminders off gets none; a failed send is retried with a
 * growing backoff, then given up, each attempt on record; two instances on one PostgreSQL send
 * each due reminder exactly once.
 */
import { describe, expect, it } from 'vitest';
import { ProactiveError } from '../../../bot/channels/proactive.ts';
import { createReminderRunner, type ReminderRunnerOptions } from '../../../bot/reminders/runner.ts';
import { parseWhen } from '../../../intents/dates.ts';
import type { NewReminder, Store } from '../../../store/store.ts';
import { BACKENDS, type Backend, withStore } from '../../store/backends.ts';
import { capturingLogger, clock, HOUR, MINUTE, recorder } from './fixtures.ts';

/** Friday 27 November 2026, 09:00 in Shanghai. */
const NOW = Date.parse('2026-11-27T01:00:00Z');

const reminder = (channel: string, id: string, dueAt: number, extra: Partial<NewReminder> = {}): NewReminder => ({
  id,
  channel,
  chatId: 'chat-1',
  userId: 'rep-1',
  dealId: `deal-${id}`,
  kind: 'meeting_day',
  lang: 'zh',
  timeZone: 'Asia/Shanghai',
  payload: { text: `今天和王总见面：确认一下时间 ${id}`, buttons: [{ label: '再来一条技巧', action: 'tip' }] },
  dueAt,
  ...extra,
});

describe.each(BACKENDS)('the reminders runner on $name', ({ name, make, skip }) => {
  let backend: Backend;
  let store: Store;
  const log = capturingLogger();
  withStore({ make, skip }, (ready, used) => {
    store = ready;
    backend = used;
  });

  const runner = (channel: string, rec: ReturnType<typeof recorder>, time: ReturnType<typeof clock>, options: Partial<ReminderRunnerOptions> = {}) =>
    createReminderRunner({ store, logger: log.logger, senders: { [channel]: rec.sender }, now: time.now, ...options });
  const audit = async (channel: string) => (await store.audit.since(0)).filter((r) => r.channel === channel && r.kind.startsWith('reminder_'));

  it.skipIf(skip).each([
    ['zh', '周六上午10点', 'Asia/Shanghai', '2026-11-28T02:00:00.000Z'],
    ['zh', '明天上午9点', 'Asia/Shanghai', '2026-11-28T01:00:00.000Z'],
    ['en', 'tomorrow 10am', 'America/New_York', '2026-11-27T15:00:00.000Z'], // Thursday evening there,
    ['en', 'Tuesday 7pm', 'Europe/London', '2026-12-01T19:00:00.000Z'],
  ])('fires a meeting booked as %s "%s" once, at its time', async (lang, said, timeZone, expected) => {
    const channel = `booked-${lang}-${said.length}-${timeZone.length}`;
    const when = parseWhen(said, { now: new Date(NOW), timeZone })!;
    expect(when.at.toISOString()).toBe(expected);
    await store.reminders.schedule([reminder(channel, channel, when.at.getTime(), { lang, timeZone })], NOW);
    const time = clock(NOW);
    const rec = recorder();
    const r = runner(channel, rec, time);
    time.set(when.at.getTime() - 1);
    expect((await r.tick()).sent).toBe(0);
    time.set(when.at.getTime());
    expect(await r.tick()).toMatchObject({ sent: 1, late: 0 });
    time.advance(HOUR);
    expect((await r.tick()).sent).toBe(0);
    time.advance(48 * HOUR);
    expect((await r.tick()).sent).toBe(0);
    expect(rec.sent).toHaveLength(1);
    expect(rec.sent[0]!.message).toEqual({ kind: 'message', text: `今天和王总见面：确认一下时间 ${channel}`, buttons: [{ label: '再来一条技巧', action: 'tip' }] });
    expect(rec.sent[0]!.target).toMatchObject({ chatId: 'chat-1', userId: 'rep-1', lang });
    expect((await store.reminders.of(channel, 'rep-1', 'sent')).map((x) => x.id)).toEqual([channel]);
    expect((await audit(channel)).map((a) => [a.kind, a.label, a.detail])).toEqual([['reminder_sent', 'meeting_day', 'on_time']]);
  });

  it.skipIf(skip)('sends at start what came due while the process was down, late, saying so in the rep\u2019s language', async () => {
    const dueZh = Date.parse('2026-11-28T02:00:00Z'); // Sat 10:00 in Shanghai
    const dueEn = Date.parse('2026-11-28T03:00:00Z');
    await store.reminders.schedule([reminder('down', 'zh', dueZh), reminder('down', 'en', dueEn, { lang: 'en', userId: 'rep-2', payload: { text: 'Confirm with Acme today' } })], NOW);
    // The process was down from before 10:00 to 13:30; the new one's first pass is at start.
    const time = clock(Date.parse('2026-11-28T05:30:00Z'));
    const rec = recorder();
    const r = runner('down', rec, time);
    expect(await r.tick()).toMatchObject({ sent: 2, late: 2 });
    expect(rec.sent.map((s) => s.message.text)).toEqual([
      '⏰ 抱歉，这条提醒晚到了（原定 11月28日周六 10:00）。\n\n今天和王总见面：确认一下时间 zh',
      '⏰ Sorry — this reminder is late (it was due Sat 28 Nov, 11:00).\n\nConfirm with Acme today',
    ]);
    expect((await audit('down')).map((a) => a.detail)).toEqual(['late', 'late']);
    expect((await r.tick()).sent).toBe(0);
    // A few minutes after its time is not late.
    await store.reminders.schedule([reminder('down', 'soon', time.now() + MINUTE)], time.now());
    time.advance(6 * MINUTE);
    expect(await r.tick()).toMatchObject({ sent: 1, late: 0 });
    expect(rec.sent[2]!.message.text).not.toContain('⏰');
  });

  it.skipIf(skip)('holds a reminder due in the quiet hours until they end, in the reminder\u2019s time zone, not late', async () => {
    await store.reminderPrefs.set('quiet', 'rep-1', { quiet: { from: 22, to: 8 } }, NOW);
    const due = Date.parse('2026-11-27T15:30:00Z'); // 23:30 in Shanghai
    await store.reminders.schedule([reminder('quiet', 'night', due)], NOW);
    const time = clock(due);
    const rec = recorder();
    const r = runner('quiet', rec, time);
    expect(await r.tick()).toMatchObject({ sent: 0, deferred: 1 });
    time.set(Date.parse('2026-11-27T23:59:00Z')); // 07:59
    expect((await r.tick()).sent).toBe(0);
    time.set(Date.parse('2026-11-28T00:00:00Z')); // 08:00
    expect(await r.tick()).toMatchObject({ sent: 1, late: 0 });
    expect(rec.sent[0]!.message.text).not.toContain('⏰');
    // The deferral was no attempt: nothing failed, nothing is on record but the send.
    expect((await audit('quiet')).map((a) => [a.kind, a.data && JSON.parse(a.data).attempts])).toEqual([['reminder_sent', 1]]);
  });

  it.skipIf(skip)('sends nothing to a rep who turned reminders off, even a reminder scheduled afterwards', async () => {
    await store.reminderPrefs.set('off', 'rep-1', { enabled: false }, NOW);
    await store.reminders.schedule([reminder('off', 'later', NOW + HOUR)], NOW);
    const time = clock(NOW + 2 * HOUR);
    const rec = recorder();
    expect(await runner('off', rec, time).tick()).toMatchObject({ sent: 0, cancelled: 1 });
    expect(rec.sent).toEqual([]);
    expect((await store.reminders.of('off', 'rep-1', 'cancelled')).map((x) => x.id)).toEqual(['later']);
    // Turned on again: the next one goes out.
    await store.reminderPrefs.set('off', 'rep-1', { enabled: true }, NOW);
    await store.reminders.schedule([reminder('off', 'next', NOW + 3 * HOUR)], NOW);
    time.set(NOW + 3 * HOUR);
    expect((await runner('off', rec, time).tick()).sent).toBe(1);
  });

  it.skipIf(skip)('retries a failed send with a doubling backoff, then gives up after the last attempt, each on record', async () => {
    const fail = () => Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const rec = recorder([fail(), fail(), fail(), fail(), fail()]);
    await store.reminders.schedule([reminder('flaky', 'r', NOW)], NOW);
    const time = clock(NOW);
    const r = runner('flaky', rec, time, { backoffMs: MINUTE, maxAttempts: 4 });
    expect(await r.tick()).toMatchObject({ retried: 1 });
    const waits = [MINUTE, 2 * MINUTE, 4 * MINUTE];
    for (const wait of waits) {
      time.advance(wait - 1);
      expect(await r.tick()).toMatchObject({ sent: 0, retried: 0, failed: 0 }); // not before its retry time
      time.advance(1);
      expect(await r.tick()).toMatchObject(wait === waits.at(-1) ? { failed: 1 } : { retried: 1 });
    }
    time.advance(HOUR);
    expect(await r.tick()).toMatchObject({ sent: 0, retried: 0, failed: 0 });
    expect((await store.reminders.of('flaky', 'rep-1', 'failed')).map((x) => [x.id, x.attempts])).toEqual([['r', 4]]);
    const rows = await audit('flaky');
    expect(rows.map((a) => [a.kind, a.detail])).toEqual(Array(4).fill(['reminder_failed', 'Error: ECONNREFUSED']));
    expect(rows.map((a) => JSON.parse(a.data!).retryAt)).toEqual([NOW + MINUTE, NOW + 3 * MINUTE, NOW + 7 * MINUTE, null]);
    // A send that cannot succeed is given up at once; a message that is not one is never sent.
    const blocked = recorder([new ProactiveError('Telegram refused the message (403: Forbidden: bot was blocked by the user)', { permanent: true })]);
    await store.reminders.schedule([reminder('blocked', 'b', NOW), reminder('blocked', 'bad', NOW, { payload: { buttons: 'x' } })], NOW);
    expect(await runner('blocked', blocked, clock(NOW)).tick()).toMatchObject({ failed: 2, sent: 0 });
    expect(blocked.sent).toEqual([]);
  });

  it.skipIf(skip)('keeps customer text out of the logs', () => {
    const text = log.lines.join('');
    expect(text).toContain('reminder sent');
    expect(text).not.toMatch(/王总|Acme|确认一下时间/);
  });

  it.skipIf(skip || name !== 'postgres')('sends each due reminder exactly once with two instances on one PostgreSQL', async () => {
    const other = await backend.reopen();
    try {
      const due = Array.from({ length: 60 }, (_, i) => reminder('two', `r${i}`, NOW + i * 1000, { userId: `rep-${i % 7}` }));
      await store.reminders.schedule(due, NOW);
      const a = recorder();
      const b = recorder();
      const time = clock(NOW + HOUR);
      const first = createReminderRunner({ store, logger: log.logger, senders: { two: a.sender }, now: time.now, batch: 5 });
      const second = createReminderRunner({ store: other, logger: log.logger, senders: { two: b.sender }, now: time.now, batch: 5 });
      await Promise.all([first.tick(), second.tick(), first.tick(), second.tick()]);
      const ids = [...a.sent, ...b.sent].map((s) => s.message.text.split(' ').at(-1));
      expect(ids.sort()).toEqual(due.map((d) => d.id).sort());
      expect(a.sent.length).toBeGreaterThan(0);
      expect(b.sent.length).toBeGreaterThan(0);
      expect((await audit('two')).length).toBe(60);
    } finally {
      await other.close();
    }
  });
});
