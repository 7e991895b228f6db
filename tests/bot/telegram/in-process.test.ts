/**
 * The Telegram adapter in process (in-process.ts): real update JSON through grammY and the real
 * conversation service, every Bot API call captured. The walks, the group and deep-link path,
 * sharing, managers' commands and the records they leave — what the process-level tests once
 * proved over a fake Bot API server, without starting a process or waiting on one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leaks } from '../fuzz-run.ts';
import { BOT_USERNAME, telegramInProcess, type Chat, type SentMessage, type TelegramInProcess } from './in-process.ts';

const MANAGER = 7001;
let t: TelegramInProcess;

beforeAll(async () => {
  t = await telegramInProcess({ managers: [MANAGER], teamChatId: '-100999' });
}, 60_000);
afterAll(() => t?.close());

/** The buttons a message shows now (after any edit). */
const buttonsNow = (message: SentMessage) => t.messages.get(message.messageId)!.buttons.map((b) => b.text);

/** The first walk asks what the rep sells: no particular industry, no product name; returns the walk's first step. */
async function noProfile(rep: Chat, question: SentMessage, lang: 'zh' | 'en'): Promise<SentMessage> {
  const [product] = await rep.press(question, lang === 'zh' ? '其他行业' : 'Other (general)');
  const [, step1] = await rep.press(product!, lang === 'zh' ? '不写名字' : 'No name');
  return step1!;
}

describe('Telegram in process, private chat', () => {
  it('walks a timing objection in Chinese by buttons, marking each pressed button', async () => {
    const rep = t.rep(5001, { first_name: '李伟' });
    const [first] = await rep.say('等着看吧，下次再说');
    expect(first!.parseMode).toBe('HTML');
    expect(first!.text).toMatch(/^<b>⏳ 成交时间不定 · 把握 \d+%<\/b>/);
    const [question] = await rep.press(first!, '开始辅导');
    expect(question!.text).toContain('先说说你卖什么');
    expect(buttonsNow(first!)).toEqual(['✓ 开始辅导 ▶']);
    const step1 = await noProfile(rep, question!, 'zh');
    expect(step1.text).toContain('第1步 · 别再重复卖点');
    const [why] = await rep.press(step1, '为什么');
    expect(why!.text).toContain('💡');
    expect(buttonsNow(step1)).toContain('下一步 ▶'); // "why" leaves the keyboard
    const [step2] = await rep.press(step1, '下一步');
    expect(step2!.text).toContain('第2步 · 问清使用场景');
    const [step3] = await rep.say('他想周末在家学一点，不想老打游戏');
    expect(step3!.text).toContain('第3步 · 判断需求类型');
    const [step4] = await rep.press(step3!, '特殊需求');
    expect(step4!.text).toContain('📨 可以直接发给客户');
    expect(step4!.text).not.toContain('他想周末在家学一点'); // the rep's note stays out of the customer's message
    const [step5] = await rep.press(step4!, '下一步');
    expect(step5!.text).toContain('第5步');
    // The time is read (in the team's zone: Telegram does not tell the rep's) and shown back to confirm.
    const [understood] = await rep.say('周六上午十点试听一节');
    expect(understood!.text).toMatch(/📅 我理解的时间是：\d+月\d+日周六 10:00。对吗？/);
    const [step6] = await rep.press(understood!, '对');
    expect(step6!.text).toContain('第6步 · 发出邀约');
    const [summary, end] = await rep.press(step6!, '下一步');
    expect(summary!.text).toContain('小结（可复制）');
    expect(summary!.text).toContain('· 约一次体验：周六上午十点试听一节');
    expect(summary!.text).toContain('· 问清使用场景：他想周末在家学一点，不想老打游戏');
    // How it went is asked after the message went out (a reminder after the trial), or now, on request.
    expect(end!.text).not.toContain('结果如何');
    const [sent] = await rep.press(end!, '已发送');
    expect(sent!.text).toMatch(/已发给[\s\S]*再问你结果/);
    const [asked] = await rep.press(sent!, '现在记结果');
    const [thanks] = await rep.press(asked!, '约成了');
    expect(thanks!.text).toContain('：约成了');
    // Choices one per row, navigation together on the last row.
    expect(step1.keyboard!.inline_keyboard.at(-1)!.map((b) => b.text)).toEqual(expect.arrayContaining(['下一步 ▶']));
  });

  it('walks a deal-size objection in English, escaping what the rep typed', async () => {
    const rep = t.rep(5002, { first_name: 'Sam' });
    const [first] = await rep.say('he never talks price');
    expect(first!.text).toContain('Deal size (money and the decision)');
    const [question] = await rep.press(first!, 'Start coaching');
    const step1 = await noProfile(rep, question!, 'en');
    const [step2] = await rep.press(step1, 'Avoids price');
    const [step3] = await rep.press(step2!, 'Next');
    const [step4] = await rep.press(step3!, 'Next');
    expect(step4!.text).toContain('Note their objection');
    const [step5] = await rep.say('the <b>tiles</b> & *grout* look [cheap]_');
    const [step6] = await rep.say('they crack in winter');
    expect(step5!.text).toContain('Cost of the alternative');
    expect(step6!.text).toContain('the &lt;b&gt;tiles&lt;/b&gt; &amp; *grout* look [cheap]_');
    expect(step6!.text).not.toContain('<b>tiles</b>');
  });

  it('answers a photo with a clear message instead of silence, and keeps it on record', async () => {
    const rep = t.rep(5003);
    const [answer] = await rep.send({ message: rep.message({ photo: [{ file_id: 'x', file_unique_id: 'x', width: 1, height: 1 }] }) as never });
    expect(answer!.text).toMatch(/only read text/);
    const rows = await t.store.audit.since(0, { userId: '5003' });
    expect(rows.map((r) => [r.kind, r.detail])).toContainEqual(['message', 'unsupported:photo']);
  });

  it('answers a redelivered update once', async () => {
    const rep = t.rep(5009);
    const update = { update_id: 900_001, message: rep.message({ text: '太贵了' }) };
    await t.bot.handleUpdate(update as never);
    await t.bot.handleUpdate(update as never);
    expect(t.sentTo(5009)).toHaveLength(1);
  });
});

describe('Telegram in process, team group', () => {
  it('answers a mention briefly, with a link to continue in private, where the walk goes on', async () => {
    const group = t.group(-100500, 5004, { first_name: 'Wang' });
    expect(await group.say('hello everyone')).toEqual([]);
    expect(await group.say('@SomeOtherBot 客户说要跟老婆商量一下')).toEqual([]);
    const [answer] = await group.say(`@${BOT_USERNAME} 客户说要跟老婆商量一下`);
    expect(answer!.text).toContain('成交金额不定');
    expect(answer!.text).toContain('💡');
    expect(answer!.replyTo).toBeDefined();
    expect(answer!.buttons).toEqual([{ text: '私聊继续辅导 ▶', data: undefined, url: `https://t.me/${BOT_USERNAME}?start=g-100500` }]);

    const privately = t.rep(5004, { first_name: 'Wang' });
    const [back, classification] = await privately.say('/start g-100500');
    expect(back!.text).toContain('欢迎回来');
    expect(classification!.text).toContain('成交金额不定');
    const [question] = await privately.press(classification!, '开始辅导');
    const step1 = await noProfile(privately, question!, 'zh');
    expect(step1.text).toContain('第1步 · 看他的花钱习惯');
  });

  it('answers a bare mention with how to use it', async () => {
    const [hint] = await t.group(-100502, 5010).say(`@${BOT_USERNAME}`);
    expect(hint!.text).toContain('Mention me with a customer');
  });

  it('shares a finished walk back to the group it came from, customer data redacted', async () => {
    const group = t.group(-100600, 5008, { first_name: 'Qian' });
    await group.say(`@${BOT_USERNAME} 客户说太贵了，电话13812345678`);
    const privately = t.rep(5008, { first_name: 'Qian' });
    const [, classification] = await privately.say('/start g-100600');
    let [step] = await privately.press(classification!, '开始辅导');
    step = await noProfile(privately, step!, 'zh');
    for (const label of ['不谈价格', '下一步', '下一步', '跳过', '跳过', '下一步']) [step] = await privately.press(step!, label);
    const [, end] = await privately.press(step!, '下一步');
    const [sent] = await privately.press(end!, '已发送');
    const [asked] = await privately.press(sent!, '现在记结果');
    const [thanks] = await privately.press(asked!, '约成了');
    const before = t.sentTo(-100600).length;
    const [shared] = await privately.press(thanks!, '分享给团队');
    expect(shared!.text).toContain('已分享给团队');
    const [post] = t.sentTo(-100600).slice(before);
    expect(post!.text).toContain('团队分享');
    expect(post!.text).toContain('成交金额不定');
    expect(post!.text).toContain('[phone]');
    expect(post!.text).not.toContain('13812345678');
  });

  it('posts a tip for everyone on /tip, and leaves commands for other bots alone', async () => {
    const group = t.group(-100501, 5005);
    const [tip] = await group.say(`/tip@${BOT_USERNAME}`);
    expect(tip!.text).toMatch(/Tip:|技巧：/);
    expect(await group.say('/tip@SomeOtherBot')).toEqual([]);
  });
});

describe('Telegram in process, managers', () => {
  it('gives a manager /stats, and the audit log as a document after its note', async () => {
    const manager = t.rep(MANAGER, { first_name: 'Boss' });
    const [stats] = await manager.say('/stats');
    expect(stats!.text).toMatch(/Last 7 days[\s\S]*timing[\s\S]*By rep:/);
    const before = t.documents.length;
    const [note] = await manager.say('/export csv');
    expect(note!.text).toMatch(/Exported \d+ rows \(csv\)/);
    // handleUpdate returned: the file went out with the note, nothing to wait for.
    const [document] = t.documents.slice(before);
    expect(document!.chatId).toBe(String(MANAGER));
    expect(document!.filename).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(document!.content).toContain('id,at,channel,chat_id,chat_type,user_id,user_name,kind');
    expect(document!.content).toContain('等着看吧，下次再说');
    const methods = t.calls.map((c) => c.method);
    expect(methods.lastIndexOf('sendDocument')).toBeGreaterThan(methods.lastIndexOf('sendMessage'));
  });

  it('refuses anyone else, and records the attempt', async () => {
    const [answer] = await t.rep(5006).say('/export csv');
    expect(answer!.text).toBe('Sorry, that command is for managers only.');
    const rows = await t.store.audit.since(0, { userId: '5006' });
    expect(rows.filter((r) => r.kind === 'refused')).toHaveLength(1);
  });
});

describe('Telegram in process, the logs', () => {
  it('carry nothing reps typed, personal data or not', () => {
    expect(t.logs.length).toBeGreaterThan(0);
    expect(leaks(t.logs.join('\n'), ['13812345678', '等着看吧', '客户说太贵了', '他想周末在家学一点', 'tiles'])).toEqual([]);
  });
});
