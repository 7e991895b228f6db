import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, type Backend } from './backends.ts';
import type { AuditEntry, Store } from '../../store/store.ts';

const party = { channel: 'telegram', chatId: '100', chatType: 'private', userId: '42', userName: 'Li Wei' };
const key = { channel: 'telegram', chatId: '100', userId: '42' };

describe.each(BACKENDS)('store on $name', ({ make, skip }) => {
  let backend: Backend;
  let store: Store;
  beforeAll(async () => {
    if (skip) return;
    backend = make();
    store = await backend.open();
  });
  afterAll(async () => {
    if (skip) return;
    await store.close();
    await backend.cleanup();
  });

  it.skipIf(skip)('creates, reads and updates a session, version by version', async () => {
    expect(await store.loadSession(key)).toBeNull();
    expect(await store.saveSession(key, { mode: 'idle', lang: 'zh', note: '你好' }, null)).toBe(1);
    expect(await store.loadSession(key)).toEqual({ state: { mode: 'idle', lang: 'zh', note: '你好' }, version: 1 });
    expect(await store.saveSession(key, { mode: 'walk' }, 1)).toBe(2);
    expect((await store.loadSession(key))?.state).toEqual({ mode: 'walk' });
  });

  it.skipIf(skip)('refuses a write over a version it did not read, and a second "first" write', async () => {
    const other = { ...key, userId: '43' };
    expect(await store.saveSession(other, { n: 1 }, null)).toBe(1);
    expect(await store.saveSession(other, { n: 2 }, null)).toBeNull();
    expect(await store.saveSession(other, { n: 2 }, 1)).toBe(2);
    expect(await store.saveSession(other, { n: 3 }, 1)).toBeNull();
    expect((await store.loadSession(other))?.state).toEqual({ n: 2 });
  });

  it.skipIf(skip)('two connections writing the same session at once: exactly one wins', async () => {
    const second = await backend.reopen();
    try {
      const race = { ...key, userId: 'race' };
      await store.saveSession(race, { n: 0 }, null);
      for (let round = 1; round <= 5; round++) {
        const [a, b] = await Promise.all([store.loadSession(race), second.loadSession(race)]);
        const results = await Promise.all([store.saveSession(race, { n: round, by: 'a' }, a!.version), second.saveSession(race, { n: round, by: 'b' }, b!.version)]);
        expect(results.filter((r) => r !== null)).toHaveLength(1);
      }
      expect((await store.loadSession(race))?.version).toBe(6);
    } finally {
      await second.close();
    }
  });

  it.skipIf(skip)('appends audit rows and reads them back in order, Chinese and odd bytes intact', async () => {
    const base = Date.now();
    const rows: AuditEntry[] = [
      { ...party, at: base, kind: 'message', text: '等着看吧，下次再说' },
      { ...party, at: base + 1, kind: 'classified', text: '等着看吧，下次再说', label: 'timing', confidence: 0.93, data: { matched: ['下次再说'] }, classifierVersion: 'v' },
      { ...party, at: base + 2, kind: 'message', text: 'nul\u0000byte' },
    ];
    await store.append(rows);
    const read = await store.rowsSince(base, { userId: '42' });
    expect(read.map((r) => r.kind)).toEqual(['message', 'classified', 'message']);
    expect(read[1]).toMatchObject({ label: 'timing', confidence: 0.93, at: base + 1, classifier_version: 'v', user_name: 'Li Wei' });
    expect(JSON.parse(read[1]!.data!)).toEqual({ matched: ['下次再说'] });
    expect(read[2]!.text).toBe('nul\\u0000byte');
    expect(typeof read[0]!.id).toBe('number');
  });

  it.skipIf(skip)('finds the latest rows of a rep by id or by part of the name', async () => {
    await store.append([{ ...party, userId: '77', userName: 'Zhang San', at: Date.now(), kind: 'message', text: 'hi' }]);
    expect((await store.latestRows(10, 'zhang')).map((r) => r.user_id)).toEqual(['77']);
    expect((await store.latestRows(10, '77')).map((r) => r.user_name)).toEqual(['Zhang San']);
  });

  it.skipIf(skip)('counts objections per type and rep, walks, outcomes and corrections', async () => {
    const at = Date.now() + 10_000;
    const rep2 = { ...party, userId: '88', userName: 'Wang' };
    await store.append([
      { ...rep2, at, kind: 'classified', label: 'trust', confidence: 0.9 },
      { ...rep2, at, kind: 'classified', label: 'trust', confidence: 0.8 },
      { ...rep2, at, kind: 'corrected', label: 'trust', detail: 'timing' },
      { ...rep2, at, kind: 'walk_started', label: 'timing' },
      { ...rep2, at, kind: 'walk_finished', label: 'timing' },
      { ...rep2, at, kind: 'outcome', label: 'timing', detail: 'booked' },
    ]);
    const stats = await store.stats(at);
    expect(stats.byLabel).toEqual({ trust: 2 });
    expect(stats.byRep).toEqual([{ userId: '88', userName: 'Wang', channel: 'telegram', total: 2, byLabel: { trust: 2 } }]);
    expect(stats.corrections.trust).toEqual({ classified: 2, corrected: 1 });
    expect(stats).toMatchObject({ walksStarted: 1, walksFinished: 1, outcomes: { booked: 1 } });
  });

  it.skipIf(skip)('prunes rows older than the retention window', async () => {
    await store.append([{ ...party, at: 1000, kind: 'message', text: 'ancient' }]);
    expect(await store.prune(2000)).toBeGreaterThanOrEqual(1);
    expect((await store.rowsSince(0)).some((r) => r.text === 'ancient')).toBe(false);
  });

  it.skipIf(skip)('claims an update once, across connections; a duplicate delivery is refused', async () => {
    const second = await backend.reopen();
    try {
      const claims = await Promise.all([store.claimUpdate('telegram', '1001'), second.claimUpdate('telegram', '1001')]);
      expect(claims.sort()).toEqual([false, true]);
      expect(await store.claimUpdate('msteams', '1001')).toBe(true);
      expect(await store.pruneClaims(Date.now() + 1000)).toBe(2);
      expect(await store.claimUpdate('telegram', '1001')).toBe(true);
    } finally {
      await second.close();
    }
  });
});
