/**
 * Deals through the conversation service with a real store (both databases): the turn that
 * ends a walk with a booked time writes its reminders — in the rep's zone, with the deal's id,
 * the confirmation ready to send — in the same transaction as the session; the clock and the
 * zone come from the service (a Teams-style `timeZone` beats TEAM_TIMEZONE); a reminder's
 * reminder, sent by the reminders runner when it is due, has a button that, pressed days later,
 * acts on its deal; closing the deal cancels what is still pending;
 * the pipeline sees it all.
 */
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loadPlaybook } from '../../../data/playbook.ts';
import { createEngine } from '../../../dialogs/engine.ts';
import { CoachService, type Inbound } from '../../../bot/service/coach-service.ts';
import type { ProactiveTarget } from '../../../bot/channels/proactive.ts';
import { createReminderRunner } from '../../../bot/reminders/runner.ts';
import type { MessageReply } from '../../../dialogs/types.ts';
import type { Store } from '../../../store/store.ts';
import { BACKENDS, withStore } from '../../store/backends.ts';
import { loadClassifier } from '../../../intents/model-cache.ts';

const playbook = loadPlaybook();
const engine = createEngine(playbook, loadClassifier(playbook));
const HOUR = 3_600_000;
/** Monday 30 November 2026, 09:00 in Shanghai. */
const MONDAY_9 = Date.parse('2026-11-30T09:00:00+08:00');

const rep = { channel: 'msteams', chatId: 'a:1on1', chatType: 'private', userId: '29:rep', userName: 'Wang' };

describe.each(BACKENDS)('deals through the service on $name', ({ make, skip }) => {
  let store: Store;
  let now = MONDAY_9;
  let service: CoachService;
  const send = (input: Inbound['input']) => service.handle({ ...rep, input, timeZone: 'Asia/Shanghai' });
  const press = async (label: string, replies: { buttons?: { label: string; action: string }[] }[]) => {
    const button = replies.flatMap((r) => r.buttons ?? []).find((b) => b.label.includes(label));
    expect(button, `no button "${label}"`).toBeDefined();
    return send({ type: 'action', action: button!.action });
  };
  withStore({ make, skip }, (ready) => {
    store = ready;
    // The team's zone is London; the rep's platform says Shanghai — the platform wins.
    service = new CoachService({ engine, store, logger: pino({ level: 'silent' }), managerIds: new Set(), redaction: true, now: () => now, teamTimeZone: 'Europe/London' });
  });

  it.skipIf(skip)('writes the reminders of a booked trial in the turn that ends the walk, and cancels them when the deal closes', async () => {
    let answer = await send({ type: 'text', text: 'let me compare other quotes' });
    answer = await press('Start coaching', answer.replies);
    answer = await press('Other (general)', answer.replies);
    answer = await press('No name', answer.replies);
    expect(answer.replies.map((r) => r.text).join('\n')).toContain('Which customer is this?');
    answer = await send({ type: 'text', text: 'Acme' });
    answer = await press('Next', answer.replies);
    answer = await send({ type: 'text', text: 'she wants results for her team' });
    answer = await press('General', answer.replies);
    answer = await press('Next', answer.replies);
    answer = await send({ type: 'text', text: 'tomorrow at 10am' });
    // Read in Shanghai (the platform's zone), not London (the team's).
    expect(answer.replies.at(-1)!.text).toBe('📅 I understood: Tue 1 Dec, 10:00. Right?');
    expect(await store.reminders.of('msteams', '29:rep')).toEqual([]);
    answer = await press('Right', answer.replies);
    answer = await press('Next', answer.replies);
    expect(answer.replies.at(-1)!.text).toContain('Saved to the deal Acme');

    const pending = await store.reminders.of('msteams', '29:rep');
    expect(pending.map((r) => [r.kind, new Date(r.dueAt).toISOString(), r.timeZone, r.lang, r.chatId])).toEqual([
      ['meeting_day', '2026-12-01T00:00:00.000Z', 'Asia/Shanghai', 'en', 'a:1on1'], // 08:00 in Shanghai, two hours ahead
      ['outcome', '2026-12-01T04:00:00.000Z', 'Asia/Shanghai', 'en', 'a:1on1'], // two hours after the trial
    ]);
    const [day] = pending;
    expect(day!.id).toBe(`${day!.dealId}:meeting_day`);
    const payload = day!.payload as { text: string; buttons: { label: string; action: string }[] };
    expect(payload.text).toContain('Hi Acme, just confirming our trial today at 10:00.');
    // The session written with them knows the deal and its follow-ups.
    const session = await store.sessions.load({ channel: 'msteams', chatId: 'a:1on1', userId: '29:rep' });
    expect(session!.state).toMatchObject({ deal: day!.dealId, deals: [{ alias: 'Acme', followUps: [{ kind: 'meeting_day' }, { kind: 'outcome' }] }] });
    let pipeline = await store.deals.pipeline({ now });
    expect(pipeline.open).toMatchObject([{ id: day!.dealId, alias: 'Acme', objection: 'timing', followUp: { kind: 'meeting_day' } }]);

    // The next morning the reminders runner sends it through the channel's proactive sender; the
    // rep presses the delivered message's "Sent" a few minutes later, and it acts on the deal.
    const delivered: { to: ProactiveTarget; message: MessageReply }[] = [];
    const runner = createReminderRunner({ store, logger: pino({ level: 'silent' }), senders: { msteams: { send: async (to, message) => void delivered.push({ to, message }) } }, now: () => now });
    now = day!.dueAt - 60_000;
    await runner.tick();
    expect(delivered).toEqual([]);
    now = day!.dueAt;
    await runner.tick();
    await runner.tick(); // once only
    expect(delivered.map((d) => [d.to.chatId, d.message.text.includes('Hi Acme, just confirming our trial today at 10:00.')])).toEqual([['a:1on1', true]]);
    now = day!.dueAt + 5 * 60_000;
    answer = await send({ type: 'action', action: delivered[0]!.message.buttons!.find((b) => b.label.includes('Sent'))!.action });
    expect(answer.replies.map((r) => r.text).join('\n')).toContain('Noted: sent to Acme');
    // Then /deals → the card → Close: what is still pending (the outcome question) is cancelled in that turn.
    answer = await send({ type: 'command', name: 'deals' });
    answer = await press('Acme', answer.replies);
    answer = await press('Close', answer.replies);
    expect(answer.replies[0]!.text).toContain('Closed: Acme');
    const after = await store.reminders.ofDeal(day!.dealId!);
    expect(after.map((r) => [r.kind, r.status])).toEqual([['meeting_day', 'sent'], ['outcome', 'cancelled']]);
    pipeline = await store.deals.pipeline({ now });
    expect(pipeline.open).toEqual([]);
    expect(pipeline.reminders).toMatchObject({ sent: 1, actedOn: 1 }); // the rep acted on the reminder that came due
    const deal = (await store.audit.since(0, { userId: '29:rep' })).filter((r) => r.kind === 'deal').map((r) => r.detail);
    expect(deal).toEqual(expect.arrayContaining(['opened', 'named', expect.stringMatching(/^dated:2026-12-01T02:00/), 'acted:meeting_day', 'sent:meeting_day', 'closed']));
    now += HOUR;
  });

  it.skipIf(skip)('shows the pipeline in /stats, for a manager', async () => {
    const manager = new CoachService({ engine, store, logger: pino({ level: 'silent' }), managerIds: new Set(['msteams:29:boss']), redaction: true, now: () => now });
    const { replies } = await manager.handle({ ...rep, userId: '29:boss', userName: 'Boss', input: { type: 'command', name: 'stats' } });
    expect(replies[0]!.text).toContain('🗂 No open deals.'); // Acme was closed
    expect(replies[0]!.text).toContain('Reminders: 1 sent, deals acted on 1');
  });
});
