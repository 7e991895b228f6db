/**
 * `/remind` through the conversation service, on both databases: off cancels the rep's pending
 * reminders and says how many, on turns them back on, quiet hours are set and cleared with
 * English or Chinese words, the answer is in the language the rep used, and anything else gets
 * the usage with nothing changed. Other reps' reminders are untouched.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlaybook } from '../../../data/playbook.ts';
import { createEngine } from '../../../dialogs/engine.ts';
import { inputFromText } from '../../../dialogs/commands.ts';
import { CoachService } from '../../../bot/service/coach-service.ts';
import { loadClassifier } from '../../../intents/model-cache.ts';
import type { Store } from '../../../store/store.ts';
import { BACKENDS, type Backend } from '../../store/backends.ts';

const playbook = loadPlaybook();
const engine = createEngine(playbook, loadClassifier(playbook));
const NOW = Date.parse('2026-11-27T01:00:00Z');
const rep = { channel: 'telegram', chatId: '900', chatType: 'private', userId: '900', userName: 'Zhao' };

describe.each(BACKENDS)('/remind on $name', ({ make, skip }) => {
  let backend: Backend;
  let store: Store;
  let service: CoachService;
  beforeAll(async () => {
    if (skip) return;
    backend = make();
    store = await backend.open();
    service = new CoachService({ engine, store, logger: pino({ level: 'silent' }), managerIds: new Set(), redaction: true, now: () => NOW });
  });
  afterAll(async () => {
    if (skip) return;
    await store.close();
    await backend.cleanup();
  });

  const send = async (text: string, langHint?: 'zh' | 'en') => {
    const answer = await service.handle({ ...rep, input: inputFromText(text, langHint ? { langHint } : {}) });
    expect(answer.replies).toHaveLength(1);
    return answer;
  };
  const pending = (userId = rep.userId) => store.reminders.of('telegram', userId).then((rows) => rows.map((r) => r.id));
  const schedule = (id: string, userId = rep.userId) =>
    store.reminders.schedule([{ id, channel: 'telegram', chatId: userId, userId, kind: 'recontact', lang: 'zh', payload: { text: '该联系王总了' }, dueAt: NOW + 86_400_000 }], NOW);

  it.skipIf(skip)('turns reminders off, cancelling only this rep\u2019s pending ones, and on again', async () => {
    await schedule('a');
    await schedule('b');
    await schedule('other', '901');
    const off = await send('/remind off');
    expect(off.lang).toBe('en');
    expect(off.replies[0]!.text).toBe('🔕 Reminders are off. 2 pending reminders were cancelled. Send /remind on to turn them back on.');
    expect(await pending()).toEqual([]);
    expect(await pending('901')).toEqual(['other']);
    expect(await store.reminderPrefs.of('telegram', rep.userId)).toEqual({ enabled: false, quiet: null });
    const on = await send('/remind 开');
    expect(on.lang).toBe('zh');
    expect(on.replies[0]!.text).toBe('🔔 提醒已开启：约好的见面和跟进，我会按时提醒你。');
    expect((await store.reminderPrefs.of('telegram', rep.userId)).enabled).toBe(true);
    expect((await send('/remind 關')).replies[0]!.text).toMatch(/^🔕 提醒已关闭。/); // traditional characters too
    expect((await send('/remind on')).replies[0]!.text).toMatch(/^🔔 Reminders are on/);
  });

  it.skipIf(skip)('sets and clears quiet hours, in English or Chinese', async () => {
    expect((await send('/remind quiet 22-8')).replies[0]!.text).toBe('🌙 Quiet hours 22:00–08:00 (your local time): reminders due then wait until they end.');
    expect(await store.reminderPrefs.of('telegram', rep.userId)).toEqual({ enabled: true, quiet: { from: 22, to: 8 } });
    expect((await send('/remind 免打扰 23点-7点')).replies[0]!.text).toBe('🌙 免打扰 23:00–07:00（当地时间）：这段时间到期的提醒会等到结束后再发。');
    expect((await send('/remind')).replies[0]!.text).toMatch(/^🔔 Reminders are on; quiet hours 23:00–07:00 \(your local time\)\.\nUse: /);
    expect((await send('/remind', 'zh')).replies[0]!.text).toMatch(/^🔔 提醒已开启；免打扰 23:00–07:00（当地时间）。\n用法：/); // a Chinese client
    expect((await send('/remind quiet off')).replies[0]!.text).toBe('🌙 No quiet hours: reminders come at their time.');
    expect((await store.reminderPrefs.of('telegram', rep.userId)).quiet).toBeNull();
  });

  it.skipIf(skip)('answers anything else with the usage and changes nothing, on record like any command', async () => {
    await store.reminderPrefs.set('telegram', rep.userId, { quiet: { from: 22, to: 8 } }, NOW);
    for (const text of ['/remind quiet 25-8', '/remind sometimes', '/remind 免打扰 整晚']) {
      expect((await send(text)).replies[0]!.text).toMatch(/^(Use|用法)：?:? ?\/remind/);
    }
    expect(await store.reminderPrefs.of('telegram', rep.userId)).toEqual({ enabled: true, quiet: { from: 22, to: 8 } });
    const rows = (await store.audit.since(0, { userId: rep.userId })).slice(-6);
    expect(rows.map((r) => r.kind)).toEqual(['command', 'reply', 'command', 'reply', 'command', 'reply']);
    expect(rows[0]!.text).toBe('/remind quiet 25-8');
  });
});
