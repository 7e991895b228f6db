/**
 * The console shows, when it starts, the reminders for the console that came due while it was
 * closed — under a heading, late ones saying so — marks them sent, and does not show them again.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SQLITE_FILE } from '../../../store/open.ts';
import { Store } from '../../../store/store.ts';
import { ROOT } from '../../helpers.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'coach-console-reminders-'));

function start(lines: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, LANG: 'C.UTF-8', DATA_DIR: dataDir };
  for (const name of ['DATABASE_URL', 'TELEGRAM_BOT_TOKEN', 'TEAMS_DEV', 'clientId', 'DASHBOARD_TOKEN']) delete env[name];
  return spawnSync('npm', ['start', '--silent'], { cwd: ROOT, input: lines.join('\n') + '\n', encoding: 'utf8', env, timeout: 60_000 });
}

describe('the console and reminders', () => {
  it('shows the reminders that came due while it was closed, once, before the welcome', async () => {
    const store = await Store.openSqlite(join(dataDir, SQLITE_FILE));
    const now = Date.now();
    const base = { channel: 'console', chatId: 'local', userId: 'local', kind: 'recontact', timeZone: 'Asia/Shanghai' };
    await store.reminders.schedule(
      [
        { ...base, id: 'c1', lang: 'en', payload: { text: 'Time to call Acme again', buttons: [{ label: 'A tip', action: 'tip' }] }, dueAt: now - 3 * 86_400_000 },
        { ...base, id: 'c2', lang: 'en', payload: { text: 'Not yet due' }, dueAt: now + 86_400_000 },
        { ...base, channel: 'telegram', id: 'c3', lang: 'en', payload: { text: 'For Telegram' }, dueAt: now - 1000 },
      ],
      now,
    );
    await store.close();

    const first = start([]);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^🔔 Reminders due while you were away:\n⏰ Sorry — this reminder is late \(it was due .+\)\.\n\nTime to call Acme again\n {2}\[1\] A tip\n/);
    expect(first.stdout).not.toMatch(/Not yet due|For Telegram/);
    const again = start([]);
    expect(again.stdout).not.toMatch(/Reminders due|Acme/);

    const check = await Store.openSqlite(join(dataDir, SQLITE_FILE));
    expect((await check.reminders.of('console', 'local', 'sent')).map((r) => r.id)).toEqual(['c1']);
    expect((await check.reminders.of('telegram', 'local')).map((r) => r.id)).toEqual(['c3']); // the console sends only its own
    await check.close();
  });
});
