/**
 * Telegram end to end: the bot runs as a real process (`npm start`) against a fake Bot API
 * server speaking the real protocol; a simulated rep writes and presses buttons.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync as Database } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, waitListening } from '../../helpers.ts';
import { botMessages, press, startFakeTelegram, TOKEN, type BotMessage, type FakeTelegram } from './fake-telegram.ts';
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

  it('walks a timing objection in Chinese by buttons, marking each pressed button', async () => {
    const client = rep(5001, { firstName: '李伟' });
    const first = await say(client, '等着看吧，下次再说');
    expect(first.parseMode).toBe('HTML');
    expect(first.text).toMatch(/<b>⏳ 成交时间不定 · 把握 \d+%<\/b>/);
    const [question] = await tap(client, first, '开始辅导');
    expect(question!.text).toContain('先说说你卖什么');
    expect(storedButtons(first.messageId)).toEqual(['✓ 开始辅导 ▶']);
    const step1 = await noProfile(client, question!, 'zh');
    expect(step1.text).toContain('第1步 · 别再重复卖点');
    const [why] = await tap(client, step1!, '为什么');
    expect(why!.text).toContain('💡');
    expect(storedButtons(step1!.messageId)).toContain('下一步 ▶'); // "why" leaves the keyboard
    const [step2] = await tap(client, step1!, '下一步');
    expect(step2!.text).toContain('第2步 · 问清使用场景');
    const step3 = await say(client, '他想周末在家学一点，不想老打游戏');
    expect(step3.text).toContain('第3步 · 判断需求类型');
    const [step4] = await tap(client, step3, '特殊需求');
    expect(step4!.text).toContain('📨 可以直接发给客户');
    expect(step4!.text).not.toContain('他想周末在家学一点'); // the rep's note stays out of the customer's message
    const [step5] = await tap(client, step4!, '下一步');
    // The time is read (in the team's zone: Telegram does not tell the rep's) and shown back to confirm.
    const understood = await say(client, '周六上午十点试听一节');
    expect(understood.text).toMatch(/^📅 我理解的时间是：\d+月\d+日周六 10:00。对吗？$/);
    const [step6] = await tap(client, understood, '对');
    expect(step6!.text).toContain('第6步 · 发出邀约');
    expect(step5!.text).toContain('第5步');
    const [summary, end] = await tap(client, step6!, '下一步', 2);
    expect(summary!.text).toContain('小结（可复制）');
    expect(summary!.text).toContain('· 约一次体验：周六上午十点试听一节');
    expect(summary!.text).toContain('· 问清使用场景：他想周末在家学一点，不想老打游戏');
    // How it went is asked after the message went out, by a reminder after the trial; or now, on request.
    expect(end!.text).not.toContain('结果如何');
    const [sent] = await tap(client, end!, '已发送');
    expect(sent!.text).toMatch(/已发给[\s\S]*再问你结果/);
    const [asked] = await tap(client, sent!, '现在记结果');
    const [thanks] = await tap(client, asked!, '约成了');
    expect(thanks!.text).toContain('：约成了');
  });

  it('walks a deal-size objection in English, escaping what the rep typed', async () => {
    const client = rep(5002, { firstName: 'Sam' });
    const first = await say(client, 'he never talks price');
    expect(first.text).toContain('Deal size (money and the decision)');
    const [question] = await tap(client, first, 'Start coaching');
    const step1 = await noProfile(client, question!, 'en');
    const [step2] = await tap(client, step1, 'Avoids price');
    const [step3] = await tap(client, step2!, 'Next');
    const [step4] = await tap(client, step3!, 'Next');
    expect(step4!.text).toContain('Note their objection');
    const step5 = await say(client, 'the <b>tiles</b> & *grout* look [cheap]_');
    const step6 = await say(client, 'they crack in winter');
    expect(step5.text).toContain('Cost of the alternative');
    expect(step6.text).toContain('the &lt;b&gt;tiles&lt;/b&gt; &amp; *grout* look [cheap]_');
    expect(step6.text).not.toContain('<b>tiles</b>');
  });

  it('answers a photo with a clear message instead of silence', async () => {
    const client = rep(5003);
    const photo: Record<string, unknown> = { ...client.makeMessage('x'), photo: [{ file_id: 'x', file_unique_id: 'x', width: 1, height: 1 }] };
    delete photo.text;
    await client.sendMessage(photo as never);
    const [answer] = await botMessages(client, 1);
    expect(answer!.text).toMatch(/only read text/);
  });
});

describe('Telegram, team group', () => {
  it('answers a mention briefly, with a link to continue in private, where the walk goes on', async () => {
    const group = fake.server.getClient(TOKEN, { userId: 5004, chatId: -100500, type: 'group', chatTitle: 'Sales team', firstName: 'Wang' });
    await group.sendMessage(group.makeMessage('hello everyone'));
    await group.sendMessage(group.makeMessage('@TestNameBot 客户说要跟老婆商量一下'));
    const [answer] = await botMessages(group, 1);
    expect(answer!.text).toContain('成交金额不定');
    expect(answer!.text).toContain('💡');
    expect(answer!.buttons).toEqual([{ text: '私聊继续辅导 ▶', data: undefined, url: 'https://t.me/TestNameBot?start=g-100500' }]);

    const privately = rep(5004, { firstName: 'Wang' });
    await privately.sendCommand(privately.makeCommand('/start g-100500'));
    const [back, classification] = await botMessages(privately, 2);
    expect(back!.text).toContain('欢迎回来');
    expect(classification!.text).toContain('成交金额不定');
    const [question] = await tap(privately, classification!, '开始辅导');
    const step1 = await noProfile(privately, question!, 'zh');
    expect(step1.text).toContain('第1步 · 看他的花钱习惯');
  });

  it('shares a finished walk back to the group it came from, customer data redacted', async () => {
    const group = fake.server.getClient(TOKEN, { userId: 5008, chatId: -100600, type: 'group', firstName: 'Qian' });
    await group.sendMessage(group.makeMessage('@TestNameBot 客户说太贵了，电话13812345678'));
    await botMessages(group, 1);
    const privately = rep(5008, { firstName: 'Qian' });
    await privately.sendCommand(privately.makeCommand('/start g-100600'));
    const [, classification] = await botMessages(privately, 2);
    let [step] = await tap(privately, classification!, '开始辅导');
    step = await noProfile(privately, step!, 'zh');
    [step] = await tap(privately, step!, '不谈价格');
    [step] = await tap(privately, step!, '下一步');
    [step] = await tap(privately, step!, '下一步');
    [step] = await tap(privately, step!, '跳过');
    [step] = await tap(privately, step!, '跳过');
    [step] = await tap(privately, step!, '下一步');
    const [, end] = await tap(privately, step!, '下一步', 2);
    const [sent] = await tap(privately, end!, '已发送');
    const [asked] = await tap(privately, sent!, '现在记结果');
    const [thanks] = await tap(privately, asked!, '约成了');
    const [shared] = await tap(privately, thanks!, '分享给团队');
    expect(shared!.text).toContain('已分享给团队');
    const [post] = await botMessages(group, 1);
    expect(post!.text).toContain('团队分享');
    expect(post!.text).toContain('成交金额不定');
    expect(post!.text).toContain('[phone]');
    expect(post!.text).not.toContain('13812345678');
  });

  it('posts a tip for everyone on /tip', async () => {
    const group = fake.server.getClient(TOKEN, { userId: 5005, chatId: -100501, type: 'group', firstName: 'Zhao' });
    await group.sendCommand(group.makeCommand('/tip@TestNameBot'));
    const [tip] = await botMessages(group, 1);
    expect(tip!.text).toMatch(/Tip:|技巧：/);
  });
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
    // The file follows the note: wait for it rather than race it.
    for (let i = 0; i < 100 && fake.documents.length === documents; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    const document = fake.documents[documents]!;
    expect(document.chatId).toBe(String(MANAGER));
    expect(document.body).toMatch(/filename="?audit-\d{4}-\d{2}-\d{2}\.csv/);
    expect(document.body).toContain('id,at,channel,chat_id,chat_type,user_id,user_name,kind');
    expect(document.body).toContain('等着看吧，下次再说');
  });

  it('refuses anyone else, and logs the attempt', async () => {
    const client = rep(5006);
    await client.sendCommand(client.makeCommand('/export csv'));
    const [answer] = await botMessages(client, 1);
    expect(answer!.text).toBe('Sorry, that command is for managers only.');
    const db = new Database(join(dataDir, 'objection-coach.db'), { readOnly: true });
    const refused = db.prepare("select count(*) n from audit where kind = 'refused' and user_id = '5006'").get() as { n: number };
    db.close();
    expect(refused.n).toBe(1);
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
