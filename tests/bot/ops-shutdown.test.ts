/**
 * Graceful shutdown on SIGTERM, of `node bot/main.ts` and of `npm start` (npm must hand the
 * signal to the bot): new connections are refused at once, the turn in flight finishes and is
 * answered, the database is closed cleanly, and the process exits 0.
 */
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activity, listening, post, spawnBot, startConnector, until, type Spawned } from './ops-fixture.ts';

/** Whether a fresh TCP connection to the bot is accepted (no pooled keep-alive connection). */
function accepts(bot: Spawned): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port: bot.port, path: '/healthz', agent: false }, (res) => {
      res.resume();
      resolve(true);
    });
    req.once('error', () => resolve(false));
    req.end();
  });
}

let connector: Awaited<ReturnType<typeof startConnector>>;
beforeAll(async () => {
  connector = await startConnector();
});
afterAll(() => connector?.close());

describe('SIGTERM to node bot/main.ts', () => {
  it('stops accepting, finishes the turn in flight, closes the database and exits 0', async () => {
    const bot = spawnBot();
    await listening(bot);
    expect(await accepts(bot)).toBe(true);

    connector.hold(); // the bot's reply waits at the connector: the turn stays in flight
    const before = connector.posted.length;
    const answered = post(bot, activity(connector.url, '29:shutdown-rep', { text: 'we never get to meet the owner' }));
    await until(() => connector.posted.length > before, 'the reply reaching the connector', bot);

    bot.child.kill('SIGTERM');
    await until(() => /shutting down/.test(bot.output()), 'the shutdown starting', bot);
    await until(async () => !(await accepts(bot)), 'new connections being refused', bot);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bot.child.exitCode).toBeNull(); // still finishing the turn: its answer is not out yet

    connector.release();
    expect((await answered).status).toBe(200);
    expect(await bot.exited).toBe(0);
    expect(bot.output()).toMatch(/"msg":"stopped"/);

    // Closed cleanly: SQLite folds its write-ahead log back into the file on the last close.
    const file = join(bot.dataDir, 'objection-coach.db');
    expect(existsSync(`${file}-wal`)).toBe(false);
    const db = new DatabaseSync(file);
    const replies = db.prepare("select count(*) as n from audit where user_id = '29:shutdown-rep' and kind = 'reply'").get() as { n: number };
    db.close();
    expect(replies.n).toBeGreaterThan(0);
  }, 60_000);
});

describe('SIGTERM to npm start', () => {
  it('reaches the bot, which shuts down gracefully; npm exits 0 and nothing is left listening', async () => {
    const bot = spawnBot({ npm: true });
    await listening(bot);
    expect(await accepts(bot)).toBe(true);
    bot.child.kill('SIGTERM'); // the npm process, as a container runtime or a terminal would
    expect(await bot.exited).toBe(0);
    expect(bot.output()).toMatch(/"signal":"SIGTERM".*"msg":"stopped"/);
    expect(await accepts(bot)).toBe(false);
  }, 60_000);

  it('keeps Node\'s compile cache where NODE_COMPILE_CACHE says (the image and the unit set it), and starts again from it', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'coach-compile-'));
    for (let start = 0; start < 2; start++) {
      const bot = spawnBot({ npm: true, env: { NODE_COMPILE_CACHE: cache } });
      await listening(bot);
      bot.child.kill('SIGTERM');
      expect(await bot.exited).toBe(0);
    }
    const [folder, ...others] = readdirSync(cache); // one per Node version and user
    expect(others).toEqual([]);
    expect(readdirSync(join(cache, folder!)).length).toBeGreaterThan(100); // the project's modules and its dependencies'
  }, 60_000);
});
