/**
 * Reminder settings and conversation references on both databases: defaults for a rep who set
 * nothing, changes that keep what they do not name, references looked up by chat with the
 * rep's latest private chat as the fallback, and retention forgetting done-with reminders and
 * stale references while keeping pending reminders whatever their age.
 */
import { describe, expect, it } from 'vitest';
import type { NewReminder, Store } from '../../store/store.ts';
import { BACKENDS, withStore } from './backends.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 30);

describe.each(BACKENDS)('reminder settings and conversation references on $name', ({ make, skip }) => {
  let store: Store;
  withStore({ make, skip }, (ready) => {
    store = ready;
  });

  it.skipIf(skip)('give a rep who set nothing reminders at any hour, and keep what a change does not name', async () => {
    expect(await store.reminderPrefs.of('telegram', '1')).toEqual({ enabled: true, quiet: null });
    await store.reminderPrefs.set('telegram', '1', { quiet: { from: 22, to: 8 } }, NOW);
    await store.reminderPrefs.set('telegram', '1', { enabled: false }, NOW);
    expect(await store.reminderPrefs.of('telegram', '1')).toEqual({ enabled: false, quiet: { from: 22, to: 8 } });
    expect(await store.reminderPrefs.of('msteams', '1')).toEqual({ enabled: true, quiet: null }); // per channel
  });

  it.skipIf(skip)('find a rep by chat, else by the latest private chat, refreshing one row per chat', async () => {
    const ref = (conversation: string) => ({ serviceUrl: 'https://smba.trafficmanager.net/amer/', channelId: 'msteams', conversation: { id: conversation } });
    await store.conversationRefs.save({ channel: 'msteams', chatId: 'a:old', userId: '29:u', personal: true, reference: ref('a:old') }, NOW - 2 * DAY);
    await store.conversationRefs.save({ channel: 'msteams', chatId: 'a:new', userId: '29:u', personal: true, reference: ref('a:new') }, NOW - DAY);
    await store.conversationRefs.save({ channel: 'msteams', chatId: '19:thread', userId: '29:u', personal: false, reference: ref('19:thread') }, NOW);
    expect((await store.conversationRefs.of('msteams', '19:thread', '29:u'))?.reference).toEqual(ref('19:thread'));
    expect((await store.conversationRefs.of('msteams', 'a:gone', '29:u'))?.reference).toEqual(ref('a:new'));
    expect(await store.conversationRefs.of('msteams', 'a:new', '29:someone-else')).toBeUndefined();
    await store.conversationRefs.save({ channel: 'msteams', chatId: 'a:old', userId: '29:u', personal: true, reference: { ...ref('a:old'), locale: 'zh-CN' } }, NOW);
    expect((await store.conversationRefs.of('msteams', 'a:gone', '29:u'))?.reference).toMatchObject({ locale: 'zh-CN' });
  });

  it.skipIf(skip)('are pruned with the retention window: done-with reminders and stale references, never pending reminders', async () => {
    const r = (id: string, dueAt: number): NewReminder => ({ id, channel: 'telegram', chatId: '1', userId: '1', kind: 'recontact', lang: 'en', payload: { text: 'Call Acme' }, dueAt });
    await store.reminders.schedule([r('old-sent', NOW - 40 * DAY), r('old-pending', NOW - 40 * DAY), r('new-sent', NOW - DAY)], NOW - 41 * DAY);
    await store.reminders.markSent('old-sent', { at: NOW - 40 * DAY, late: false });
    await store.reminders.markSent('new-sent', { at: NOW - DAY, late: false });
    await store.conversationRefs.save({ channel: 'msteams', chatId: 'a:stale', userId: '29:v', personal: true, reference: {} }, NOW - 40 * DAY);
    const pruned = await store.prune({ now: NOW, retentionDays: 30 });
    expect(pruned).toMatchObject({ reminders: 1, conversationRefs: 1 });
    const left = [...(await store.reminders.of('telegram', '1', 'sent')), ...(await store.reminders.of('telegram', '1'))].map((x) => x.id).sort();
    expect(left).toEqual(['new-sent', 'old-pending']);
    expect(await store.conversationRefs.of('msteams', 'a:stale', '29:v')).toBeUndefined();
    expect(await store.conversationRefs.of('msteams', 'a:old', '29:u')).toBeDefined();
  });
});
