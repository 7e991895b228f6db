/**
 * Telegram end to end: the bot runs as a real process (`npm start`) against a fake Bot API
 * server speaking the real protocol; a simulated rep writes and presses buttons. What needs the
 * process is here — the menu published at start-up, a reply and a pressed button over the Bot
 * API, a manager's file, a restart mid-walk, the process's logs; the walks, groups, sharing and
 * refusals run in process (in-process.test.ts), where they need no process and no waiting.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, waitListening } from '../../helpers.ts';
import { botMessages, nextDocument, press, startFakeTelegram, TOKEN, type BotMessage, type FakeTelegram } from './fake-telegram.ts';
import { leaks } from '../fuzz-run.ts';

const MANAGER = 7001;
let fake: FakeTelegram;
let bot: ReturnType<typeof startServer>;
/** Every bot process's log output, for the log checks at the end. */
const logs: (() => string)[] = [];
const dataDir = mkdtempSync(join(tmpdir(), 'coach-telegram-'));
const env = () => ({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot, DATA_DIR: dataDir, PORT: '0', MANAGER_IDS: `telegram:${MANAGER}`, TEAM_CHAT_ID: '-100999' });

beforeAll(async () => {
  fake = await startFakeTelegram();
  bot = startServer(env());
  logs.push(bot.output);
  await waitListening(bot);
}, 60_000);

afterAll(async () => {
  await bot?.stop();
  await fake?.stop();
});

const rep = (id: number, extra: Record<string, unknown> = {}) => fake.server.getClient(TOKEN, { userId: id, chatId: id, firstName: `Rep${id}`, userName: `rep${id}`, ...extra });
const storedButtons = (messageId: number) =>
  ((fake.server.storage.botMessages.find((m) => m.messageId === messageId)?.message.reply_markup as { inline_keyboard?: { text: string }[][] } | undefined)?.inline_keyboard ?? []).flat().map((b) => b.text);

/** Sends text and returns the next bot message. */
async function say(client: ReturnType<typeof rep>, text: string): Promise<BotMessage> {
  await client.sendMessage(client.makeMessage(text));
  return (await botMessages(client, 1))[0]!;
}
async function tap(client: ReturnType<typeof rep>, message: BotMessage, label: string, expect = 1): Promise<BotMessage[]> {
  await press(client, message, label);
  return botMessages(client, expect);
}
/** The first walk asks what the rep sells: no particular industry, no product name; returns the walk's first step. */
async function noProfile(client: ReturnType<typeof rep>, question: BotMessage, lang: 'zh' | 'en'): Promise<BotMessage> {
  const [product] = await tap(client, question, lang === 'zh' ? '其他行业' : 'Other (general)');
  const [, step1] = await tap(client, product!, lang === 'zh' ? '不写名字' : 'No name', 2);
  return step1!;
}

describe('Telegram, private chat', () => {
  it('publishes the command menu in both languages', () => {
    expect(JSON.stringify(fake.commands)).toContain('"command":"tip"');
    expect(JSON.stringify(fake.commands)).toContain('"language_code":"zh"');
    expect(JSON.stringify(fake.commands)).toContain(`"chat_id":${MANAGER}`);
  });

  it('answers a rep over the Bot API in HTML with an inline keyboard, and marks a pressed button', async () => {
    const client = rep(5001, { firstName: '李伟' });
    const first = await say(client, '等着看吧，下次再说');
    expect(first.parseMode).toBe('HTML');
    expect(first.text).toMatch(/<b>⏳ 成交时间不定 · 把握 \d+%<\/b>/);
    const [question] = await tap(client, first, '开始辅导');
    expect(question!.text).toContain('先说说你卖什么');
    expect(storedButtons(first.messageId)).toEqual(['✓ 开始辅导 ▶']);
    const step1 = await noProfile(client, question!, 'zh');
    expect(step1.text).toContain('第1步 · 别再重复卖点');
    const answer = await say(client, '客户说太贵了，电话13812345678');
    expect(answer.text).toBeTruthy();
  });
});

describe('Telegram, practice', () => {
  it('lists /practice in the menu and runs a round in Chinese: the customer pushes back on pressure, warms up to the technique', async () => {
    expect(JSON.stringify(fake.commands)).toContain('"command":"practice"');
    const client = rep(5010, { firstName: '钱' });
    await client.sendCommand(client.makeCommand('/practice 信任'));
    // The bot process loads (or, with no snapshot yet, trains) the move detector on its first round:
    // wait for it, up to two minutes on a loaded machine (the fake API gives up on a poll after 1 s).
    let opened: BotMessage[] = [];
    for (let attempt = 0; attempt < 120 && !opened.length; attempt++) opened = await botMessages(client, 2).catch(() => []);
    expect(opened.map((m) => m.text).join('\n')).toMatch(/练习开始[\s\S]*🧑‍💼 客户：/);
    expect((await say(client, '这个优惠今天截止，您今天就得签。')).text).toMatch(/^🧑‍💼 客户：(你这么催，我更不敢定了。|今天肯定定不了，别逼我。)$/);
    await client.sendMessage(client.makeMessage('如果最后办不成，费用全额退还，写进合同。周四下午三点我去您公司，聊半小时，可以吗？'));
    const end = await botMessages(client, 2);
    expect(end[0]!.text).toBe('🧑‍💼 客户：好，就按这个时间，我们当面聊。');
    expect(end[1]!.text).toContain('📋 练习评分');
    expect(storedButtons(end[1]!.messageId)).toEqual(['🎭 同类型再练', '🎲 换一个', '📈 我的练习']);
  }, 180_000);
});

describe('Telegram, managers', () => {
  it('gives a manager /stats and the audit log as a document', async () => {
    const manager = rep(MANAGER, { firstName: 'Boss' });
    await manager.sendCommand(manager.makeCommand('/stats'));
    const [stats] = await botMessages(manager, 1);
    expect(stats!.text).toMatch(/Last 7 days[\s\S]*timing[\s\S]*By rep:/);
    const documents = fake.documents.length;
    await manager.sendCommand(manager.makeCommand('/export csv'));
    const [note] = await botMessages(manager, 1);
    expect(note!.text).toMatch(/Exported \d+ rows \(csv\)/);
    // The file follows the note: wait for the file itself, not the note before it.
    const document = await nextDocument(fake, documents);
    expect(document.chatId).toBe(String(MANAGER));
    expect(document.body).toMatch(/filename="?audit-\d{4}-\d{2}-\d{2}\.csv/);
    expect(document.body).toContain('id,at,channel,chat_id,chat_type,user_id,user_name,kind');
    expect(document.body).toContain('等着看吧，下次再说');
  });
});

describe('Telegram, a restart in the middle of a walk', () => {
  it('resumes in a new bot process with the same database', async () => {
    const client = rep(5007, { firstName: 'Xu' });
    const first = await say(client, "I can't get a meeting with the boss");
    const [question] = await tap(client, first, 'Start coaching');
    const step1 = await noProfile(client, question!, 'en');
    expect(step1.text).toContain('Step 1 · Spot the trust gap');
    expect(await bot.stop()).toBe(0); // graceful shutdown on SIGTERM
    bot = startServer(env());
    logs.push(bot.output);
    await waitListening(bot);
    const [step2] = await tap(client, step1, 'Meeting slips');
    expect(step2!.text).toContain('Step 2 · Trade a promise for a meeting');
  }, 60_000);
});

describe('Telegram, the logs', () => {
  it('carry neither the bot token nor what reps typed (personal data or not), in any process', () => {
    const all = logs.map((output) => output()).join('\n');
    expect(all).toMatch(/"msg":"listening"/);
    expect(leaks(all, [TOKEN, '13812345678', '等着看吧', '客户说太贵了', "I can't get a meeting"])).toEqual([]);
  });
});
