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

  it.skipIf(skip)('counts objections per type and rep, walks, outcomes and corrections', async () => {
    const at = Date.now() + 10_000;
    const rep2 = { ...party, userId: '88', userName: 'Wang' };
    await store.audit.append([
      { ...rep2, at, kind: 'classified', label: 'trust', confidence: 0.9 },
      { ...rep2, at, kind: 'classified', label: 'trust', confidence: 0.8 },
      { ...rep2, at, kind: 'corrected', label: 'trust', detail: 'timing' },
      { ...rep2, at, kind: 'walk_started', label: 'timing' },
      { ...rep2, at, kind: 'walk_finished', label: 'timing' },
      { ...rep2, at, kind: 'outcome', label: 'timing', detail: 'booked' },
    ]);
    const stats = await store.stats.team(at);
    expect(stats.byLabel).toEqual({ trust: 2 });
    expect(stats.byRep).toEqual([{ userId: '88', userName: 'Wang', channel: 'telegram', total: 2, byLabel: { trust: 2 } }]);
    expect(stats.corrections.trust).toEqual({ classified: 2, corrected: 1 });
    expect(stats).toMatchObject({ walksStarted: 1, walksFinished: 1, outcomes: { booked: 1 } });
  });
});
