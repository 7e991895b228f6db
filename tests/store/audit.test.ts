import { describe, expect, it } from 'vitest';
import type { AuditEntry, Store } from '../../store/store.ts';
import { BACKENDS, withStore } from './backends.ts';

const party = { channel: 'telegram', chatId: '100', chatType: 'private', userId: '42', userName: 'Li Wei' };

describe.each(BACKENDS)('audit log and stats on $name', ({ make, skip }) => {
  let store: Store;
  withStore({ make, skip }, (opened) => {
    store = opened;
  });

  it.skipIf(skip)('appends audit rows and reads them back in order, Chinese and odd bytes intact', async () => {
    const base = Date.now();
    const rows: AuditEntry[] = [
      { ...party, at: base, kind: 'message', text: '等着看吧，下次再说' },
      { ...party, at: base + 1, kind: 'classified', text: '等着看吧，下次再说', label: 'timing', confidence: 0.93, data: { matched: ['下次再说'] }, classifierVersion: 'v' },
      { ...party, at: base + 2, kind: 'message', text: 'nul\u0000byte' },
    ];
    await store.audit.append(rows);
    const read = await store.audit.since(base, { userId: '42' });
    expect(read.map((r) => r.kind)).toEqual(['message', 'classified', 'message']);
    expect(read[1]).toMatchObject({ label: 'timing', confidence: 0.93, at: base + 1, classifier_version: 'v', user_name: 'Li Wei' });
    expect(JSON.parse(read[1]!.data!)).toEqual({ matched: ['下次再说'] });
    expect(read[2]!.text).toBe('nul\\u0000byte');
    expect(typeof read[0]!.id).toBe('number');
  });

  it.skipIf(skip)('finds the latest rows of a rep by id or by part of the name', async () => {
    await store.audit.append([{ ...party, userId: '77', userName: 'Zhang San', at: Date.now(), kind: 'message', text: 'hi' }]);
    expect((await store.audit.latest(10, 'zhang')).map((r) => r.user_id)).toEqual(['77']);
    expect((await store.audit.latest(10, '77')).map((r) => r.user_name)).toEqual(['Zhang San']);
  });

  it.skipIf(skip)('reads one dialog\'s rows, in order', async () => {
    const at = Date.now();
    await store.audit.append([
      { ...party, at, dialog: 'd-1', kind: 'message', text: 'too expensive' },
      { ...party, at, dialog: 'd-2', kind: 'message', text: 'other dialog' },
      { ...party, at, dialog: 'd-1', kind: 'reply', text: 'Deal size' },
    ]);
    expect((await store.audit.transcript('d-1')).map((r) => r.text)).toEqual(['too expensive', 'Deal size']);
  });

  it.skipIf(skip)('counts objections per type the rep settled on (a correction moves its quote), per rep, walks, outcomes and corrections', async () => {
    const at = Date.now() + 10_000;
    const rep2 = { ...party, userId: '88', userName: 'Wang' };
    await store.audit.append([
      { ...rep2, at, dialog: 's-1', kind: 'classified', label: 'trust', confidence: 0.9 },
      { ...rep2, at, dialog: 's-2', kind: 'classified', label: 'trust', confidence: 0.8 },
      { ...rep2, at, dialog: 's-2', kind: 'corrected', label: 'trust', detail: 'deal_size' },
      { ...rep2, at, dialog: 's-2', kind: 'corrected', label: 'trust', detail: 'timing' }, // changed their mind: the last one counts
      { ...rep2, at, dialog: 's-2', kind: 'walk_started', label: 'timing' },
      { ...rep2, at, dialog: 's-2', kind: 'walk_finished', label: 'timing' },
      { ...rep2, at, dialog: 's-2', kind: 'outcome', label: 'timing', detail: 'booked' },
    ]);
    const stats = await store.stats.team(at);
    expect(stats.byLabel).toEqual({ trust: 1, timing: 1 });
    expect(stats.byRep).toEqual([{ userId: '88', userName: 'Wang', channel: 'telegram', total: 2, byLabel: { trust: 1, timing: 1 } }]);
    expect(stats.corrections.trust).toEqual({ classified: 2, corrected: 1 });
    expect(stats).toMatchObject({ walksStarted: 1, walksFinished: 1, outcomes: { booked: 1 }, overrides: { total: 0 } });
  });

  it.skipIf(skip)('counts compliance overrides per rule, newest first, with the step, the rep and when', async () => {
    const at = Date.now() + 20_000;
    const rep3 = { ...party, userId: '99', userName: 'Zhao' };
    await store.audit.append([
      { ...rep3, at, kind: 'compliance_override', label: 'trust', detail: 'guaranteed_return', text: '保证年化7%', data: { step: 'own_promise' } },
      { ...rep3, at: at + 1, kind: 'compliance_override', label: 'deal_size', detail: 'no_loss', text: 'you will not lose a cent', data: { step: 'opinion' } },
    ]);
    const { overrides } = await store.stats.team(at);
    expect(overrides.total).toBe(2);
    expect(overrides.byRule).toEqual({ guaranteed_return: 1, no_loss: 1 });
    expect(overrides.latest).toEqual([
      { at: at + 1, ruleId: 'no_loss', objection: 'deal_size', step: 'opinion', userId: '99', userName: 'Zhao', channel: 'telegram' },
      { at, ruleId: 'guaranteed_return', objection: 'trust', step: 'own_promise', userId: '99', userName: 'Zhao', channel: 'telegram' },
    ]);
    expect(await store.dashboard.overrides({ sinceMs: at, untilMs: at + 2 })).toEqual(overrides.latest);
  });
});
