import { describe, expect, it } from 'vitest';
import type { AuditEntry, Store, TurnWrite } from '../../store/store.ts';
import { BACKENDS, withStore, type Backend } from './backends.ts';

const party = { channel: 'telegram', chatId: '300', chatType: 'private', userId: '9', userName: 'Chen' };
const keyOf = (userId: string) => ({ channel: 'telegram', chatId: '300', userId });
const row = (userId: string, text: string, at = 1000): AuditEntry => ({ ...party, userId, at, kind: 'message', text });

describe.each(BACKENDS)('one turn, one transaction, on $name', ({ name, make, skip }) => {
  let backend: Backend;
  let store: Store;
  withStore({ make, skip }, async (opened, other) => {
    store = opened;
    backend = other;
  });

  const rowsOf = async (userId: string) => (await store.audit.since(0, { userId })).map((r) => r.text);

  it.skipIf(skip)('writes the session, the rows, the dialog summary and the delivery together', async () => {
    const seen: unknown[] = [];
    const outcome = await store.commitTurn({
      now: 1000,
      delivery: { source: 'telegram', updateId: '1' },
      key: keyOf('a'),
      plan: (session): TurnWrite => {
        seen.push(session);
        return {
          state: { n: 1 },
          rows: [{ ...row('a', 'too expensive'), dialog: 'd-a' }],
          dialog: { id: 'd-a', start: { id: 'd-a', at: 1000, channel: 'telegram', chatId: '300', userId: 'a', userName: 'Chen', quote: 'too expensive', predicted: 'deal_size', confidence: 0.9 }, change: { started: true } },
        };
      },
    });
    expect(outcome).toMatchObject({ status: 'committed', version: 1 });
    expect(seen).toEqual([null]);
    expect(await store.sessions.load(keyOf('a'))).toEqual({ state: { n: 1 }, version: 1 });
    expect(await rowsOf('a')).toEqual(['too expensive']);
    expect(await store.dashboard.dialog('d-a')).toMatchObject({ quote: 'too expensive', label: 'deal_size', started: 1 });
  });

  it.skipIf(skip)('a delivery seen before is a duplicate: nothing is written', async () => {
    const duplicate = await store.commitTurn({ now: 2000, delivery: { source: 'telegram', updateId: '1' }, key: keyOf('a'), plan: () => ({ state: { n: 99 }, rows: [row('a', 'again')] }) });
    expect(duplicate).toEqual({ status: 'duplicate', unsent: [], sent: 0 });
    expect(await store.sessions.load(keyOf('a'))).toEqual({ state: { n: 1 }, version: 1 });
    expect(await rowsOf('a')).toEqual(['too expensive']);
    // The same update id from another source is another delivery.
    expect((await store.commitTurn({ now: 2000, delivery: { source: 'msteams', updateId: '1' }, plan: () => ({ rows: [] }) })).status).toBe('committed');
  });

  it.skipIf(skip)('plans on the session it is given without reading; a stale one is a conflict that writes nothing', async () => {
    const plan = (n: number) => () => ({ state: { n }, rows: [row('a', `turn ${n}`)] });
    expect(await store.commitTurn({ now: 3000, key: keyOf('a'), known: { state: { n: 1 }, version: 1 }, plan: plan(2) })).toMatchObject({ status: 'committed', version: 2 });
    const stale = await store.commitTurn({ now: 3000, delivery: { source: 'telegram', updateId: '2' }, key: keyOf('a'), known: { state: { n: 1 }, version: 1 }, plan: plan(3) });
    expect(stale).toEqual({ status: 'conflict' });
    expect(await rowsOf('a')).toEqual(['too expensive', 'turn 2']);
    // The delivery was not marked: planned again on a fresh read, it commits.
    expect(await store.commitTurn({ now: 3000, delivery: { source: 'telegram', updateId: '2' }, key: keyOf('a'), plan: plan(3) })).toMatchObject({ status: 'committed', version: 3 });
  });

  it.skipIf(skip)('a turn that fails — in the plan or in a write — leaves no trace, and its delivery open', async () => {
    const delivery = { source: 'telegram', updateId: '3' };
    await expect(store.commitTurn({ now: 4000, delivery, key: keyOf('b'), plan: () => { throw new Error('engine broke'); } })).rejects.toThrow('engine broke');
    const broken = { ...row('b', 'half written'), kind: null } as unknown as AuditEntry; // violates NOT NULL after the session write
    await expect(store.commitTurn({ now: 4000, delivery, key: keyOf('b'), plan: () => ({ state: { n: 1 }, rows: [broken] }) })).rejects.toThrow();
    expect(await store.sessions.load(keyOf('b'))).toBeNull();
    expect(await rowsOf('b')).toEqual([]);
    expect(await store.commitTurn({ now: 4000, delivery, key: keyOf('b'), plan: () => ({ state: { n: 1 }, rows: [row('b', 'redelivered')] }) })).toMatchObject({ status: 'committed', version: 1 });
    expect(await rowsOf('b')).toEqual(['redelivered']);
  });

  // Two instances are two processes in production; two synchronous SQLite connections in one
  // test process would block each other, so SQLite runs both turns on one connection.
  it.skipIf(skip)('the same delivery committed by two instances at once: one turn, one duplicate', async () => {
    const second = name === 'postgres' ? await backend.reopen() : store;
    try {
      const delivery = { source: 'telegram', updateId: '1001' };
      const turn = (s: Store, by: string) => s.commitTurn({ now: 5000, delivery, key: keyOf('c'), plan: (session) => ({ state: { by, after: session?.version ?? 0 }, rows: [row('c', by)] }) });
      const outcomes = await Promise.all([turn(store, 'one'), turn(second, 'two')]);
      // The loser wrote nothing: it either saw the winner's session appear (conflict) or its delivery done.
      const statuses = outcomes.map((o) => o.status).sort();
      expect(statuses[0]).toBe('committed');
      expect(['conflict', 'duplicate']).toContain(statuses[1]);
      expect(await rowsOf('c')).toHaveLength(1);
      // Whatever the loser saw first, its retry is a duplicate.
      expect(await turn(second, 'three')).toMatchObject({ status: 'duplicate' });
      expect(await rowsOf('c')).toHaveLength(1);
    } finally {
      if (second !== store) await second.close();
    }
  });

  it.skipIf(skip)('turns of one session from two instances at once, each reading in its transaction: all commit, in turn', async () => {
    const second = name === 'postgres' ? await backend.reopen() : store;
    try {
      const turn = (s: Store, i: number) => s.commitTurn({ now: 6000, delivery: { source: 'telegram', updateId: `burst-${i}` }, key: keyOf('d'), plan: (session) => ({ state: { count: ((session?.state as { count?: number } | undefined)?.count ?? 0) + 1 }, rows: [row('d', `m${i}`)] }) });
      await turn(store, 0); // the session exists: no "first insert" race
      const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => turn(i % 2 ? second : store, i + 1)));
      expect(outcomes.every((o) => o.status === 'committed')).toBe(true);
      expect(await store.sessions.load(keyOf('d'))).toEqual({ state: { count: 11 }, version: 11 });
    } finally {
      if (second !== store) await second.close();
    }
  });
});
