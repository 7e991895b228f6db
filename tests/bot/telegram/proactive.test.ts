/**
 * Reminders on Telegram, end to end: the bot runs as a real process (`npm start`) against the
 * fake Bot API. A reminder that came due while the bot was down reaches the rep's private chat
 * when it starts — late, and saying so — with its button as an inline keyboard; pressing the
 * button reaches the engine like any other; a reminder scheduled while the bot runs goes out
 * at its time, once. (The clock-controlled cases are in tests/bot/reminders/runner.test.ts.)
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SQLITE_FILE } from '../../../store/open.ts';
import { Store, type NewReminder } from '../../../store/store.ts';
import { startServer, waitListening } from '../../helpers.ts';
import { botMessages, press, startFakeTelegram, TOKEN, type FakeTelegram } from './fake-telegram.ts';

const REP = 6001;
const dataDir = mkdtempSync(join(tmpdir(), 'coach-telegram-reminders-'));
const file = join(dataDir, SQLITE_FILE);
let fake: FakeTelegram;
let bot: ReturnType<typeof startServer>;

const reminder = (id: string, dueAt: number, text: string): NewReminder => ({
  id,
  channel: 'telegram',
  chatId: String(REP),
  userId: String(REP),
  dealId: 'deal-wang',
  kind: 'meeting_day',
  lang: 'zh',
  timeZone: 'Asia/Shanghai',
  payload: { text, buttons: [{ label: '来一条技巧', action: 'tip' }] },
  dueAt,
});

async function schedule(reminders: NewReminder[]): Promise<void> {
  const store = await Store.openSqlite(file);
  await store.reminders.schedule(reminders, Date.now());
  await store.close();
}

const rows = (sql: string) => {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  // Due two hours ago, while no bot was running.
  await schedule([reminder('missed', Date.now() - 2 * 3_600_000, '今天和王总见面\n发之前确认一下时间：王总，下午三点见面还方便吗？')]);
  fake = await startFakeTelegram();
  bot = startServer({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot, DATA_DIR: dataDir, PORT: '0', REMINDER_INTERVAL_MS: '200' });
  await waitListening(bot);
}, 60_000);

afterAll(async () => {
  await bot?.stop();
  await fake?.stop();
});

describe('reminders on Telegram', () => {
  const client = () => fake.server.getClient(TOKEN, { userId: REP, chatId: REP, firstName: '王', userName: 'rep6001', languageCode: 'zh' } as never);

  it('sends a reminder missed while down to the rep\u2019s private chat at start, late, and its button reaches the engine', async () => {
    const rep = client();
    const [message] = await botMessages(rep, 1);
    expect(message!.chatId).toBe(String(REP));
    expect(message!.parseMode).toBe('HTML');
    expect(message!.text).toMatch(/^<b>⏰ 抱歉，这条提醒晚到了（原定 .+）。<\/b>\n\n今天和王总见面\n发之前确认一下时间/);
    expect(message!.buttons).toEqual([{ text: '来一条技巧', data: 'tip', url: undefined }]);
    expect(rows("select status, late, attempts from reminders where id = 'missed'")).toEqual([{ status: 'sent', late: 1, attempts: 1 }]);
    expect(rows("select kind, label, detail from audit where kind like 'reminder%'")).toEqual([{ kind: 'reminder_sent', label: 'meeting_day', detail: 'late' }]);

    await press(rep, message!, '来一条技巧');
    const [tip] = await botMessages(rep, 1);
    expect(tip!.text).toMatch(/^💡/);
    // The press went through the service to the engine: on record as a button and its reply.
    expect(rows(`select kind, detail, text from audit where user_id = '${REP}' and kind in ('button', 'reply') order by id`)).toEqual([
      { kind: 'button', detail: 'tip', text: null },
      { kind: 'reply', detail: null, text: expect.stringMatching(/^💡/) },
    ]);
  });

  it('sends a reminder scheduled while it runs when it comes due, once, not marked late', async () => {
    await schedule([reminder('live', Date.now(), '该联系 Acme 了')]);
    const rep = client();
    const [message] = await botMessages(rep, 1);
    expect(message!.text).toBe('该联系 Acme 了');
    // Nothing more in the next second (five more polls): the fake's getUpdates gives up empty.
    await expect(rep.getUpdates()).rejects.toThrow(/did not get new updates/);
    expect(rows("select status, late from reminders where id = 'live'")).toEqual([{ status: 'sent', late: 0 }]);
    expect(bot.output()).not.toMatch(/王总|Acme|确认一下时间/); // no reminder text in the logs
  });
});
