/**
 * The Teams adapter in process (in-process.ts): Teams Activity JSON through the SDK's
 * CloudAdapter and the real conversation service, replies read from the response. The walks by
 * card submit and by typed option, channel threads, managers' files, redeliveries and the menu's
 * bare commands — what the process-level test once proved over HTTP, without a process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAILURE_TEXT } from '../../../bot/channels/error-replies.ts';
import { leaks } from '../fuzz-run.ts';
import { activity, actionsOf, noProfile, submit, textOf, type Who } from './activities.ts';
import { teamsInProcess, type TeamsInProcess } from './in-process.ts';

const MANAGER = '29:manager-aad';
let t: TeamsInProcess;
const send = (body: Record<string, unknown>) => t.send(body);

beforeAll(async () => {
  t = await teamsInProcess({ managers: [MANAGER] });
}, 60_000);
afterAll(() => t?.close());

describe('Teams in process, 1:1 chat', () => {
  const li: Who = { user: '29:li-wei', name: 'Li Wei', conversation: 'a:1on1-li-wei', locale: 'zh-CN', timeZone: 'Asia/Shanghai' };

  it('walks a trust objection in Chinese by card submits; the team post comes back to copy', async () => {
    const [first] = await send(activity(li, { text: '业务员见了几次面，都没和第一负责人约好' }));
    expect(first!.attachments![0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(textOf(first!)).toMatch(/成交信心不定 · 把握 \d+%/);
    expect(actionsOf(first!).map((a) => a.data.action)).toEqual(['go', 'fix', 'as:none']);
    expect(first!.attachments![0]!.content!.fallbackText).toMatch(/1\. 开始辅导 ▶\n2\. 换个类型/);
    const [question] = await send(submit(li, first!, '开始辅导'));
    const step1 = await noProfile(li, question!, 'zh', send);
    expect(textOf(step1)).toContain('第1步 · 看清信任问题');
    const [step2] = await send(submit(li, step1, '见不到负责人'));
    const [step3] = await send(submit(li, step2!, '下一步'));
    expect(textOf(step3!)).toContain('你能承诺什么');
    const [step4] = await send(submit(li, step3!, '我自己写'));
    expect(textOf(step4!)).toContain('写下你的承诺');
    const [warning] = await send(activity(li, { text: '保本保收益' }));
    expect(textOf(warning!)).toContain('⚠️ 合规提醒');
    const [step5] = await send(activity(li, { text: '服务费全额退给您' }));
    const [step6] = await send(submit(li, step5!, '线上视频聊30分钟'));
    expect(textOf(step6!)).toContain('提一个见面时间');
    // Teams says the rep's zone (localTimezone): the time is read in it and shown back to confirm.
    const [understood] = await send(activity(li, { text: '周四下午三点' }));
    expect(textOf(understood!)).toMatch(/^📅 我理解的时间是：\d+月\d+日周四 15:00。对吗？/);
    const [step7] = await send(submit(li, understood!, '对'));
    expect(textOf(step7!)).toContain('周四下午三点');
    const [step8] = await send(submit(li, step7!, '下一步'));
    expect(textOf(step8!)).toContain('服务费全额退给您');
    const [step9] = await send(submit(li, step8!, '下一步'));
    const [summary, end] = await send(submit(li, step9!, '下一步'));
    expect(textOf(summary!)).toContain('小结（可复制）');
    // The outcome is asked after the message went out (by the reminder after the meeting), not now.
    expect(textOf(end!)).toMatch(/⏰ 当天（\d+月\d+日周四 09:00）我会把确认消息准备好提醒你/);
    const [sent] = await send(submit(li, end!, '已发送'));
    const [asked] = await send(submit(li, sent!, '现在记结果'));
    const [thanks] = await send(submit(li, asked!, '约成了'));
    expect(textOf(thanks!)).toContain('：约成了');
    // In a 1:1 chat the bot cannot post to a channel: the rep gets the post to copy instead.
    const shared = await send(submit(li, thanks!, '分享给团队'));
    expect(shared).toHaveLength(1);
    expect(textOf(shared[0]!)).toMatch(/^📣 复制下面这段发到团队频道：\n\n📣 团队分享\n🤝 成交信心不定/);
    expect(textOf(shared[0]!)).not.toContain('已分享给团队');
  });

  it('walks a timing objection in English, a client without cards answering by number or label', async () => {
    const sam: Who = { user: '29:sam', name: 'Sam', conversation: 'a:1on1-sam' };
    const [first] = await send(activity(sam, { text: 'let me compare other quotes' }));
    expect(textOf(first!)).toContain('Timing (no decision date)');
    const [question] = await send(submit(sam, first!, 'Start coaching'));
    const step1 = await noProfile(sam, question!, 'en', send);
    const [step2] = await send(submit(sam, step1, 'Next'));
    expect(textOf(step2!)).toContain("Step 2 · Ask how they'd use it");
    const [step3] = await send(activity(sam, { text: 'to post progress for friends' }));
    const [step4] = await send(submit(sam, step3!, 'Social'));
    expect(textOf(step4!)).toContain('Ready to send to the customer');
    expect(textOf(step4!)).not.toContain('to post progress for friends'); // the rep's note is not the customer's message
    const [step5] = await send(activity(sam, { text: '1' }));
    expect(textOf(step5!)).toContain('Step 5 · Book a trial');
    const [step6] = await send(activity(sam, { text: 'Skip' }));
    const [summary] = await send(submit(sam, step6!, 'Next'));
    expect(textOf(summary!)).toContain('Summary (copy it)');
  });

  it('understands a menu command sent without a slash', async () => {
    const who: Who = { user: '29:menu', name: 'Menu', conversation: 'a:1on1-menu' };
    const [tip] = await send(activity(who, { text: 'tip' }));
    expect(textOf(tip!)).toMatch(/^💡 Tip: /);
    const [margin] = await send(activity(who, { text: 'margin 200 40%' }));
    expect(textOf(margin!)).toContain('200 ÷ 40% = 500');
  });

  it('answers /kb constructor and /kb __proto__ with the list of topics, and a quote "constructor" like any quote', async () => {
    const who: Who = { user: '29:proto', name: 'Proto', conversation: 'a:1on1-proto' };
    for (const text of ['/kb constructor', '/kb __proto__']) {
      const [reply] = await send(activity(who, { text }));
      expect(textOf(reply!)).toContain('Knowledge topics');
    }
    for (const text of ['constructor', 'hasOwnProperty', '__proto__ valueOf']) {
      const [reply] = await send(activity({ ...who, conversation: `a:1on1-proto-${text}` }, { text }));
      expect(textOf(reply!)).not.toBe(FAILURE_TEXT.en.internal);
      expect(textOf(reply!)).toMatch(/sure|objection|Timing|Deal size|Trust/);
    }
  });

  it('processes a redelivered activity (same id) once', async () => {
    const body = activity({ user: '29:twice', name: 'Twice', conversation: 'a:1on1-twice' }, { text: '太贵了' });
    expect(await send(body)).toHaveLength(1);
    expect(await send(body)).toHaveLength(0);
  });

  it('greets in both languages when added to a chat', async () => {
    const added = { ...activity({ user: '29:admin', name: 'Admin', conversation: 'a:1on1-new' }, {}), type: 'conversationUpdate', membersAdded: [{ id: '28:objection-coach-bot' }] };
    const [welcome] = await send(added);
    expect(textOf(welcome!)).toMatch(/[\u4e00-\u9fff]/);
    expect(textOf(welcome!)).toMatch(/[A-Za-z]{4}/);
  });
});

describe('Teams in process, channels', () => {
  const thread = '19:general@thread.tacv2;messageid=1700000000001';
  const wang: Who = { user: '29:wang', name: 'Wang', conversation: thread, type: 'channel' };
  const zhao: Who = { user: '29:zhao', name: 'Zhao', conversation: thread, type: 'channel' };

  it('answers an @mention briefly with the type and a tip, then coaches in the thread', async () => {
    const [brief] = await send(activity(wang, { text: 'he never talks price' }));
    expect(textOf(brief!)).toMatch(/Deal size \(money and the decision\) · \d+% sure\n💡 Mine the buying habits/);
    expect(actionsOf(brief!).map((a) => a.data.action)).toEqual(['go']);
    const [question] = await send(submit(wang, brief!, 'Start coaching'));
    const step1 = await noProfile(wang, question!, 'en', send);
    expect(textOf(step1)).toContain('Step 1 · Read the buying habit');
  });

  it('keeps two users in one thread apart', async () => {
    const [zhaoBrief] = await send(activity(zhao, { text: 'is this a scam?' }));
    expect(textOf(zhaoBrief!)).toContain('Trust');
    // Zhao presses a button from Wang's walk: it is not Zhao's walk.
    const [stale, current] = await send(activity(zhao, { value: { action: 'c:avoids_price' } }));
    expect(textOf(stale!)).toContain('That button is from an earlier step');
    expect(textOf(current!)).toContain('Trust');
    // Wang's walk is where Wang left it.
    const [wangStep2] = await send(activity(wang, { value: { action: 'c:avoids_price' } }));
    expect(textOf(wangStep2!)).toContain('Step 2 · Answer the habit');
    const mode = async (user: string) => ((await t.store.sessions.load({ channel: 'msteams', chatId: thread, userId: user }))?.state as { mode?: string } | undefined)?.mode;
    expect([await mode('29:wang'), await mode('29:zhao')]).toEqual(['walk', 'classified']);
  });
});

describe('Teams in process, managers', () => {
  it("answers a manager's /stats and delivers /export as a file attachment; refuses others", async () => {
    const boss: Who = { user: MANAGER, name: 'Boss', conversation: 'a:1on1-boss' };
    const [stats] = await send(activity(boss, { text: '/stats' }));
    expect(textOf(stats!)).toMatch(/Last 7 days[\s\S]*By rep:[\s\S]*Li Wei/);
    const [note, file] = await send(activity(boss, { text: '/export csv' }));
    expect(textOf(note!)).toMatch(/Exported \d+ rows \(csv\)/);
    const attachment = file!.attachments![0]!;
    expect(attachment.contentType).toBe('text/csv');
    expect(attachment.name).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = Buffer.from(attachment.contentUrl!.replace(/^data:text\/csv;base64,/, ''), 'base64').toString('utf8');
    expect(csv).toContain('msteams');
    expect(csv).toContain('业务员见了几次面，都没和第一负责人约好');
    const [refused] = await send(activity({ user: '29:intern', name: 'Intern', conversation: 'a:1on1-intern' }, { text: '/export csv' }));
    expect(textOf(refused!)).toBe('Sorry, that command is for managers only.');
  });
});

describe('Teams in process, the logs', () => {
  it('carry no customer text and no personal data', async () => {
    const [reply] = await send(activity({ user: '29:pii', name: 'Pii', conversation: 'a:1on1-pii' }, { text: '客户说联系 13812345678 或 li.lei@example.com，老婆不同意' }));
    expect(textOf(reply!)).toBeTruthy();
    expect(t.logs.length).toBeGreaterThan(0);
    expect(leaks(t.logs.join('\n'), ['13812345678', 'li.lei@example.com', '老婆不同意', '业务员见了几次面', 'let me compare other quotes'])).toEqual([]);
  });
});
