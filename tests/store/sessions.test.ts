import { describe, expect, it } from 'vitest';
import type { Store } from '../../store/store.ts';
import { BACKENDS, withStore, type Backend } from './backends.ts';

const key = { channel: 'telegram', chatId: '100', userId: '42' };

describe.each(BACKENDS)('sessions on $name', ({ make, skip }) => {
  let backend: Backend;
  let store: Store;
  withStore({ make, skip }, async (opened, other) => {
    store = opened;
    backend = other;
  });

  it.skipIf(skip)('creates, reads and updates a session, version by version', async () => {
    expect(await store.sessions.load(key)).toBeNull();
    expect(await store.sessions.save(key, { mode: 'idle', lang: 'zh', note: '你好' }, null)).toBe(1);
    expect(await store.sessions.load(key)).toEqual({ state: { mode: 'idle', lang: 'zh', note: '你好' }, version: 1 });
    expect(await store.sessions.save(key, { mode: 'walk' }, 1)).toBe(2);
    expect((await store.sessions.load(key))?.state).toEqual({ mode: 'walk' });
  });

  it.skipIf(skip)('refuses a write over a version it did not read, and a second "first" write', async () => {
    const other = { ...key, userId: '43' };
    expect(await store.sessions.save(other, { n: 1 }, null)).toBe(1);
    expect(await store.sessions.save(other, { n: 2 }, null)).toBeNull();
    expect(await store.sessions.save(other, { n: 2 }, 1)).toBe(2);
    expect(await store.sessions.save(other, { n: 3 }, 1)).toBeNull();
    expect((await store.sessions.load(other))?.state).toEqual({ n: 2 });
  });

  it.skipIf(skip)('two connections writing the same session at once: exactly one wins', async () => {
    const second = await backend.reopen();
    try {
      const race = { ...key, userId: 'race' };
      await store.sessions.save(race, { n: 0 }, null);
      for (let round = 1; round <= 5; round++) {
        const [a, b] = await Promise.all([store.sessions.load(race), second.sessions.load(race)]);
        const results = await Promise.all([store.sessions.save(race, { n: round, by: 'a' }, a!.version), second.sessions.save(race, { n: round, by: 'b' }, b!.version)]);
        expect(results.filter((r) => r !== null)).toHaveLength(1);
      }
      expect((await store.sessions.load(race))?.version).toBe(6);
    } finally {
      await second.close();
    }
  });
});
