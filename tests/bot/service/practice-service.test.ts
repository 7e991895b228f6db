/**
 * Practice through the conversation service with a real store (SQLite, and PostgreSQL when
 * TEST_DATABASE_URL is set): every row of a practice turn is marked practice and no real
 * figure counts it (/stats, the dashboard's overview and dialogs, the export's column); a
 * rep's rounds come back in /practice stats; the team's real quotes open a round only after a
 * manager's `/practice team on` — redacted, without who said them — and every instance reads
 * that switch from the database.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoachService, type Inbound } from '../../../bot/service/coach-service.ts';
import { customerWords } from '../../../bot/service/practice-tools.ts';
import { PRACTICE_MESSAGES } from '../../../dialogs/practice/messages.ts';
import { loadPlaybook } from '../../../data/playbook.ts';
import { inputFromText } from '../../../dialogs/commands.ts';
import { createEngine } from '../../../dialogs/engine.ts';
import { loadClassifier } from '../../../intents/model-cache.ts';
import type { Store } from '../../../store/store.ts';
import { BACKENDS, type Backend } from '../../store/backends.ts';

const playbook = loadPlaybook();
const engine = createEngine(playbook, loadClassifier(playbook));
const logger = pino({ level: 'silent' });
const rep = { channel: 'telegram', chatId: '700', chatType: 'private', userId: '70', userName: 'Lin' };
const manager = { channel: 'telegram', chatId: '1', chatType: 'private', userId: '1', userName: 'Boss' };
/** What the rep typed, parsed as every channel parses it (commands, or text). */
const say = (text: string, who: Partial<Inbound> = rep): Inbound => ({ ...rep, ...who, input: inputFromText(text) });

describe.each(BACKENDS)('practice through the service on $name', ({ make, skip }) => {
  let backend: Backend;
  let store: Store;
  let other: Store;
  let service: CoachService;
  let otherInstance: CoachService;
  beforeAll(async () => {
    if (skip) return;
    backend = make();
    store = await backend.open();
    other = await backend.reopen();
    const options = { engine, logger, managerIds: new Set(['telegram:1']), redaction: true };
    service = new CoachService({ ...options, store });
    otherInstance = new CoachService({ ...options, store: other });
  }, 60_000);
  afterAll(async () => {
    if (skip) return;
    await other.close();
    await store.close();
    await backend.cleanup();
  });

  it.skipIf(skip)('marks every practice row and leaves practice out of /stats, the dashboard and the dialogs', async () => {
    // Real work first: one quote, classified, in a dialog.
    await service.handle(say('let me compare other quotes'));
    const statsBefore = await store.stats.team(0);
    const overviewBefore = await store.dashboard.overview({ sinceMs: 0, untilMs: Date.now() + 86_400_000 });

    await service.handle(say('/practice deal_size'));
    await service.handle(say("You're right, you clearly know this well. Some people get used to it, others don't — it's habit. If you switch, it wears out faster. Which do you prefer?"));
    await service.handle(say('Let me give you a 10% discount if you sign today.'));
    const last = await service.handle(say('It really is your call.'));
    expect(last.replies.map((r) => r.text).join('\n')).toMatch(/Practice scorecard|🧑‍💼 Customer/);

    const rows = await store.audit.since(0, { userId: '70' });
    const practice = rows.filter((r) => r.practice === 1);
    expect(practice.length).toBeGreaterThan(6);
    // Every row written from /practice on is practice, and none belongs to a dialog.
    const from = rows.findIndex((r) => r.text === '/practice deal_size');
    expect(rows.slice(from).every((r) => r.practice === 1 && r.dialog === null)).toBe(true);
    expect(rows.slice(0, from).every((r) => r.practice === 0)).toBe(true);
    expect(practice.map((r) => r.kind)).toEqual(expect.arrayContaining(['command', 'practice_started', 'message', 'practice_answer', 'reply']));
    // The practice answers were not classified as customer quotes, and no real figure moved.
    expect(rows.slice(from).some((r) => r.kind === 'classified')).toBe(false);
    expect(await store.stats.team(0)).toEqual(statsBefore);
    expect(await store.dashboard.overview({ sinceMs: 0, untilMs: Date.now() + 86_400_000 })).toEqual(overviewBefore);
    expect((await store.dashboard.dialogs({})).total).toBe(1);

    const { replies } = await service.handle(say('/export csv', manager));
    expect(replies[0]!.text).toMatch(/of them are practice \(column practice = 1\)/);
    const csv = replies[0]!.attachment!.content.split('\r\n');
    expect(csv[0]!.split(',').at(-1)).toBe('practice');
  });

  it.skipIf(skip)("gives the rep's finished rounds in /practice stats, marked practice too", async () => {
    const who = { chatId: '701', userId: '71', userName: 'Wu' };
    await service.handle(say('/practice trust', who));
    await service.handle(say('If it can’t be done, you get a full refund, in writing. Could we meet on Thursday at 3pm?', who));
    await service.handle(say('Thursday at 3pm then, nothing to sign.', who));
    const { replies } = await service.handle(say('/practice stats', who));
    const text = replies.map((r) => r.text).join('\n');
    expect(text).toContain('🎭 Practice history: 1 rounds');
    expect(text).toMatch(/A no-pressure commitment: 1\/1/);
    const rows = await store.audit.since(0, { userId: '71' });
    expect(rows.every((r) => r.practice === 1)).toBe(true);
  });

  it.skipIf(skip)("opens with the team's real quotes only after a manager allows it, on every instance, without who said them", async () => {
    const seller = { chatId: '702', userId: '72', userName: 'Zhao Customer-Name' };
    // A real quote of the team, with personal data (redacted at the door).
    await service.handle(say('客户说：“你们上次那个经理就没兑现，我打 13812345678 也没人接，不太信你们。”', seller));
    await service.handle(say('客户说：“你们上次那个经理就没兑现，我不太信你们。”', seller));
    const dialogs = (await store.dashboard.dialogs({})).rows.filter((d) => d.user_id === '72' && d.label === 'trust');
    expect(dialogs.length).toBeGreaterThan(0);

    const learner = { chatId: '703', userId: '73', userName: 'Qian' };
    await service.handle(say('/lang 中文', learner));
    const before = await service.handle(say('/practice 信任', learner));
    expect(before.replies.map((r) => r.text).join('\n')).not.toContain(PRACTICE_MESSAGES.zh.teamQuote);
    await service.handle(say('取消', learner));

    const refused = await service.handle(say('/practice team on', learner));
    expect(refused.replies[0]!.text).toBe('抱歉，这个命令只对经理开放。');
    const allowed = await service.handle(say('/practice team on', manager));
    expect(allowed.replies[0]!.text).toMatch(/may now open with the team’s recent real customer quotes/);

    // Another instance (its own connection) reads the switch from the database.
    const after = await otherInstance.handle(say('/practice 信任', learner));
    const text = after.replies.map((r) => r.text).join('\n');
    expect(text).toContain(PRACTICE_MESSAGES.zh.customer('你们上次那个经理就没兑现，我不太信你们。'));
    expect(text).toContain(PRACTICE_MESSAGES.zh.teamQuote);
    expect(text).not.toContain('Zhao');
    expect(text).not.toContain('13812345678');
    expect(text).not.toContain('[phone]'); // a quote left with a placeholder is not used
    await otherInstance.handle(say('取消', learner));

    await service.handle(say('/practice team off', manager));
    const off = await otherInstance.handle(say('/practice 信任', learner));
    expect(off.replies.map((r) => r.text).join('\n')).not.toContain(PRACTICE_MESSAGES.zh.teamQuote);
  });
});

describe('the customer words a practice round may open with', () => {
  it('takes the quoted words of a narrative, redacted, and leaves out stories and placeholders', () => {
    expect(customerWords('客户说：“我再考虑考虑，下个月再说。”')).toBe('我再考虑考虑，下个月再说。');
    expect(customerWords("Let me think about it until next month.")).toBe('Let me think about it until next month.');
    expect(customerWords('the customer keeps asking his wife')).toBeUndefined();
    expect(customerWords('call me on 13812345678 next week')).toBeUndefined();
    expect(customerWords('ok')).toBeUndefined();
  });
});
