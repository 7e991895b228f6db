import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { MIGRATION_NAMES } from '../../store/migrations/index.ts';
import { Store } from '../../store/store.ts';
import { ROOT } from '../helpers.ts';

const MIGRATIONS_DIR = join(ROOT, 'store', 'migrations');

describe('migrations', () => {
  it('are one file each, numbered, registered under their file name, in order', () => {
    const files = readdirSync(MIGRATIONS_DIR).filter((f) => /^\d{3}_/.test(f)).map((f) => f.replace(/\.ts$/, ''));
    expect(MIGRATION_NAMES).toEqual(files.sort());
    expect([...MIGRATION_NAMES].sort()).toEqual(MIGRATION_NAMES); // Kysely runs them sorted by name
    const numbers = MIGRATION_NAMES.map((n) => Number(n.slice(0, 3)));
    expect(numbers.every((n, i) => i === 0 || n > numbers[i - 1]!)).toBe(true);
  });

  it('open a SQLite file made before the store was split: its data intact, the new migrations applied', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'coach-old-db-')), 'objection-coach.db');
    const old = new DatabaseSync(file);
    old.exec(readFileSync(join(ROOT, 'tests', 'store', 'fixtures', 'before-split.sql'), 'utf8'));
    old.close();

    const store = await Store.openSqlite(file);
    try {
      const session = await store.sessions.load({ channel: 'telegram', chatId: '42', userId: '42' });
      expect(session).toMatchObject({ version: 1, state: { lang: 'zh', mode: 'classified', quote: '等着看吧，下次再说' } });
      expect((await store.audit.transcript('mfx1-aaaa')).map((r) => r.kind)).toEqual(['message', 'classified']);
      expect(await store.dashboard.dialog('mfx1-aaaa')).toMatchObject({ user_name: '李伟', predicted: 'timing' });
      // The update processed by the old code is still known: its redelivery is a duplicate.
      const again = await store.commitTurn({ now: Date.now(), delivery: { source: 'telegram', updateId: '5001' }, plan: () => ({ rows: [] }) });
      expect(again).toEqual({ status: 'duplicate', unsent: [], sent: 0 });
      // And a new turn writes through the new schema.
      const turn = await store.commitTurn({ now: Date.now(), delivery: { source: 'telegram', updateId: '5002' }, key: { channel: 'telegram', chatId: '42', userId: '42' }, plan: (s) => ({ state: { ...(s!.state as object), mode: 'idle' }, rows: [] }) });
      expect(turn).toMatchObject({ status: 'committed', version: 2 });
    } finally {
      await store.close();
    }
    const check = new DatabaseSync(file, { readOnly: true });
    const names = check.prepare('select name from kysely_migration order by name').all().map((r) => r.name);
    check.close();
    expect(names).toEqual(MIGRATION_NAMES);
  });
});
