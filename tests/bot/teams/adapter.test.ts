/**
 * Microsoft Teams end to end over HTTP with Teams-shaped Activity JSON: the bot runs as a real
 * process (`TEAMS_DEV=1 npm start`); replies are captured by a local HTTP server acting as the
 * Bot Connector (the activity's serviceUrl), or returned in the response with expectReplies.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync as Database } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, waitListening } from '../../helpers.ts';
import { FAILURE_TEXT } from '../../../bot/channels/error-replies.ts';
import { leaks } from '../fuzz-run.ts';

const MANAGER = '29:manager-aad';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const port = 30000 + Math.floor(Math.random() * 20000);
const endpoint = `http://127.0.0.1:${port}/api/messages`;
const dataDir = mkdtempSync(join(tmpdir(), 'coach-teams-'));

interface Card {
  body: { text: string }[];
  actions: { title: string; data: { action: string } }[];
  fallbackText: string;
}
interface SentActivity {
  path: string;
  type: string;
  text?: string;
  summary?: string;
  attachments?: { contentType: string; content?: Card; contentUrl?: string; name?: string }[];
}

/** What a reply says, card or plain text. */
const textOf = (a: SentActivity) => a.text ?? a.attachments?.[0]?.content?.body.map((b) => b.text).join('\n') ?? '';
const actionsOf = (a: SentActivity) => a.attachments?.[0]?.content?.actions ?? [];

let connector: Server;
let connectorUrl: string;
const posted: SentActivity[] = [];
let bot: ReturnType<typeof startServer>;
let nextId = 1;

beforeAll(async () => {
  connector = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      posted.push({ path: req.url ?? '', ...JSON.parse(body || '{}') });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: `reply-${posted.length}` }));
    });
  });
  await new Promise<void>((resolve) => connector.listen(0, '127.0.0.1', resolve));
  connectorUrl = `http://127.0.0.1:${(connector.address() as AddressInfo).port}/`;
  bot = startServer({ TEAMS_DEV: '1', PORT: String(port), DATA_DIR: dataDir, MANAGER_IDS: `msteams:${MANAGER}` });
  await waitListening(bot);
}, 60_000);

afterAll(async () => {
  await bot?.stop();
  await new Promise((resolve) => connector?.close(resolve));
});

interface Who {
  user: string;
  name: string;
  conversation: string;
  type?: 'personal' | 'channel' | 'groupChat';
  locale?: string;
  /** The IANA zone the Teams client reports with each activity (localTimezone). */
  timeZone?: string;
}

/** A Teams message activity (1:1, or in a channel thread with an @mention of the bot). */
function activity(who: Who, content: { text?: string; value?: unknown }, extra: Record<string, unknown> = {}) {
  const type = who.type ?? 'personal';
  const mention = type === 'personal' || content.text === undefined ? undefined : '<at>Objection Coach</at>';
  return {
    type: 'message',
    id: `1700000000${nextId++}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: connectorUrl,
    from: { id: who.user, name: who.name, aadObjectId: `aad-${who.user}` },
    recipient: { id: '28:objection-coach-bot', name: 'Objection Coach' },
    conversation: { id: who.conversation, conversationType: type, tenantId: TENANT, ...(type === 'channel' ? { isGroup: true } : {}) },
    channelData: { tenant: { id: TENANT }, ...(type === 'channel' ? { channel: { id: '19:general@thread.tacv2' }, team: { id: '19:team@thread.tacv2' } } : {}) },
    locale: who.locale ?? 'en-US',
    ...(who.timeZone ? { localTimezone: who.timeZone } : {}),
    ...(content.text !== undefined ? { text: mention ? `${mention} ${content.text}` : content.text, textFormat: 'plain' } : {}),
    ...(mention ? { entities: [{ type: 'mention', text: mention, mentioned: { id: '28:objection-coach-bot', name: 'Objection Coach' } }] } : {}),
    ...(content.value !== undefined ? { value: content.value } : {}),
    ...extra,
  };
}

/** Posts an activity; returns what the bot sent to the connector for it. */
async function send(body: unknown, headers: Record<string, string> = {}): Promise<SentActivity[]> {
  const before = posted.length;
  const response = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  expect(response.status).toBe(200);
  return posted.slice(before);
}

/** Posts an activity with deliveryMode expectReplies; returns the replies from the response. */
async function sendExpectingReplies(body: Record<string, unknown>): Promise<SentActivity[]> {
  const response = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...body, deliveryMode: 'expectReplies' }) });
  expect(response.status).toBe(200);
  return ((await response.json()) as { activities: SentActivity[] }).activities;
}

const submit = (who: Who, card: SentActivity, title: string) => {
  const action = actionsOf(card).find((a) => a.title.includes(title));
  if (!action) throw new Error(`no "${title}" on ${JSON.stringify(actionsOf(card).map((a) => a.title))}`);
  return activity(who, { value: action.data });
};

/** The first walk asks what the rep sells: no particular industry, no product name; returns the walk's first step. */
async function noProfile(who: Who, question: SentActivity, lang: 'zh' | 'en', post: (body: Record<string, unknown>) => Promise<SentActivity[]> = send): Promise<SentActivity> {
  const [product] = await post(submit(who, question, lang === 'zh' ? '其他行业' : 'Other (general)') as Record<string, unknown>);
  const [, step1] = await post(submit(who, product!, lang === 'zh' ? '不写名字' : 'No name') as Record<string, unknown>);
  return step1!;
}

describe('Teams, 1:1 chat', () => {
  const li: Who = { user: '29:li-wei', name: 'Li Wei', conversation: 'a:1on1-li-wei', locale: 'zh-CN', timeZone: 'Asia/Shanghai' };

  it('listens on 127.0.0.1 only in dev mode without credentials', () => {
    expect(bot.output()).toMatch(/"host":"127\.0\.0\.1".*"teams":"dev"/);
  });

  it('walks a trust objection in Chinese by card submits, replies going to the connector', async () => {
    const [first] = await send(activity(li, { text: '业务员见了几次面，都没和第一负责人约好' }));
    expect(first!.path).toMatch(/^\/v3\/conversations\/a%3A1on1-li-wei\/activities\/|^\/v3\/conversations\/a:1on1-li-wei\/activities\//);
    expect(first!.attachments![0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(textOf(first!)).toMatch(/成交信心不定 · 把握 \d+%/);
    expect(actionsOf(first!).map((a) => a.data.action)).toEqual(['go', 'fix', 'as:none']);
    expect(first!.attachments![0]!.content!.fallbackText).toMatch(/1\. 开始辅导 ▶\n2\. 换个类型/);
    const [question] = await send(submit(li, first!, '开始辅导'));
    const step1 = await noProfile(li, question!, 'zh');
    expect(textOf(step1)).toContain('第1步 · 看清信任问题');
    const [step2] = await send(submit(li, step1, '见不到负责人'));
    const [step3] = await send(submit(li, step2!, '下一步'));
    expect(textOf(step3!)).toContain('你能承诺什么');
    const [step4] = await send(submit(li, step3!, '我自己写'));
    const [warning] = await send(activity(li, { text: '保本保收益' }));
    expect(textOf(warning!)).toContain('⚠️ 合规提醒');
    const [step5] = await send(activity(li, { text: '服务费全额退给您' }));
    expect(textOf(step4!)).toContain('写下你的承诺');
    const [step6] = await send(submit(li, step5!, '线上视频聊30分钟'));
    // Teams says the rep's zone (localTimezone): the time is read in it and shown back to confirm.
    const [understood] = await send(activity(li, { text: '周四下午三点' }));
    expect(textOf(understood!)).toMatch(/^📅 我理解的时间是：\d+月\d+日周四 15:00。对吗？/);
    const [step7] = await send(submit(li, understood!, '对'));
    expect(textOf(step7!)).toContain('周四下午三点');
    const [step8] = await send(submit(li, step7!, '下一步'));
    expect(textOf(step8!)).toContain('服务费全额退给您');
    expect(textOf(step6!)).toContain('提一个见面时间');
    const [step9] = await send(submit(li, step8!, '下一步'));
    const [summary, end] = await send(submit(li, step9!, '下一步'));
    expect(textOf(summary!)).toContain('小结（可复制）');
    // The outcome is asked after the message went out (by the reminder after the meeting), not now.
    expect(textOf(end!)).toMatch(/已存到客户.*\n⏰ 当天（\d+月\d+日周四 09:00）我会把确认消息准备好提醒你，\d+月\d+日周四 17:00 再问你结果/);
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

  it('walks a timing objection in English with deliveryMode expectReplies (no connector calls)', async () => {
    const sam: Who = { user: '29:sam', name: 'Sam', conversation: 'a:1on1-sam' };
    const before = posted.length;
    const [first] = await sendExpectingReplies(activity(sam, { text: 'let me compare other quotes' }));
    expect(textOf(first!)).toContain('Timing (no decision date)');
    const [question] = await sendExpectingReplies(submit(sam, first!, 'Start coaching'));
    const step1 = await noProfile(sam, question!, 'en', sendExpectingReplies);
    const [step2] = await sendExpectingReplies(submit(sam, step1, 'Next'));
    expect(textOf(step2!)).toContain("Step 2 · Ask how they'd use it");
    const [step3] = await sendExpectingReplies(activity(sam, { text: 'to post progress for friends' }));
    const [step4] = await sendExpectingReplies(submit(sam, step3!, 'Social'));
    expect(textOf(step4!)).toContain('Ready to send to the customer');
    expect(textOf(step4!)).not.toContain('to post progress for friends'); // the rep's note is not the customer's message
    // A client without cards answers by typing an option's number or label.
    const [step5] = await sendExpectingReplies(activity(sam, { text: '1' }));
    expect(textOf(step5!)).toContain('Step 5 · Book a trial');
    const [step6] = await sendExpectingReplies(activity(sam, { text: 'Skip' }));
    const [summary] = await sendExpectingReplies(submit(sam, step6!, 'Next'));
    expect(textOf(summary!)).toContain('Summary (copy it)');
    expect(posted.length).toBe(before);
  });
});

describe('Teams, channels', () => {
  const thread = '19:general@thread.tacv2;messageid=1700000000001';
  const wang: Who = { user: '29:wang', name: 'Wang', conversation: thread, type: 'channel' };
  const zhao: Who = { user: '29:zhao', name: 'Zhao', conversation: thread, type: 'channel' };

  it('answers an @mention briefly with the type and a tip, then coaches in the thread', async () => {
    const [brief] = await send(activity(wang, { text: 'he never talks price' }));
    expect(textOf(brief!)).toMatch(/Deal size \(money and the decision\) · \d+% sure\n💡 Mine the buying habits/);
    expect(actionsOf(brief!).map((a) => a.data.action)).toEqual(['go']);
    const [question] = await send(submit(wang, brief!, 'Start coaching'));
    const step1 = await noProfile(wang, question!, 'en');
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
    const db = new Database(join(dataDir, 'objection-coach.db'), { readOnly: true });
    const sessions = db.prepare("select user_id, state from sessions where chat_id = ?").all(thread) as { user_id: string; state: string }[];
    db.close();
    const modes = Object.fromEntries(sessions.map((s) => [s.user_id, JSON.parse(s.state).mode]));
    expect(modes).toEqual({ '29:wang': 'walk', '29:zhao': 'classified' });
  });
});

describe('Teams, managers', () => {
  it('answers a manager\'s /stats and delivers /export as a file attachment; refuses others', async () => {
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

describe('Teams, bad input', () => {
  it('answers a malformed body with 400 and keeps serving', async () => {
    const bad = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type": "message", "conver' });
    expect(bad.status).toBe(400);
    const notActivity = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ hello: 'teams' }) });
    expect(notActivity.status).toBe(400);
    const [ok] = await send(activity({ user: '29:late', name: 'Late', conversation: 'a:1on1-late' }, { text: 'hello' }));
    expect(textOf(ok!)).toBeTruthy();
  });

  it('in dev mode replies only to a loopback serviceUrl: any other is refused with 400, logged once', async () => {
    const who: Who = { user: '29:far', name: 'Far', conversation: 'a:1on1-far' };
    const before = posted.length;
    for (const serviceUrl of ['https://smba.trafficmanager.net/emea/', 'http://169.254.169.254/latest/', 'http://127.0.0.1.evil.example/']) {
      const response = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity(who, { text: '太贵了' }, { serviceUrl })) });
      expect(response.status).toBe(400);
    }
    expect(posted.length).toBe(before);
    expect(bot.output().split('\n').filter((line) => line.includes('serviceUrl is not on the loopback interface'))).toHaveLength(3);
  });

  it('refuses activities it could not answer with 400, acknowledges kinds it does not handle, never a 5xx', async () => {
    const who: Who = { user: '29:odd', name: 'Odd', conversation: 'a:1on1-odd' };
    const before = posted.length;
    const post = (body: unknown) => fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.status);
    const good = activity(who, { text: 'hello' });
    expect(await post({ ...good, from: undefined })).toBe(400);
    expect(await post({ ...good, recipient: { name: 'no id' } })).toBe(400);
    expect(await post({ ...good, id: 'bad\ud800id' })).toBe(400);
    expect(await post({ ...good, text: { not: 'a string' } })).toBe(400);
    expect(await post({ ...good, serviceUrl: 'javascript:alert(1)' })).toBe(400);
    expect(await post({ ...good, type: 'invoke', name: 'adaptiveCard/action' })).toBe(200);
    expect(await post({ ...good, type: 'typing' })).toBe(200);
    expect(await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"pad":"${'x'.repeat(300_000)}"}` }).then((r) => r.status)).toBe(413);
    expect(posted.length).toBe(before);
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
    const who: Who = { user: '29:twice', name: 'Twice', conversation: 'a:1on1-twice' };
    const body = activity(who, { text: '太贵了' });
    const first = await send(body);
    const second = await send(body);
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(0);
  });
});

describe('Teams, the command menu and the app manifest', () => {
  it('understands a menu command sent without a slash', async () => {
    const who: Who = { user: '29:menu', name: 'Menu', conversation: 'a:1on1-menu' };
    const [tip] = await send(activity(who, { text: 'tip' }));
    expect(textOf(tip!)).toMatch(/^💡 Tip: /);
    const [margin] = await send(activity(who, { text: 'margin 200 40%' }));
    expect(textOf(margin!)).toContain('200 ÷ 40% = 500');
  });
});

describe('Teams, the logs', () => {
  it('carry no customer text and no personal data, at info level', async () => {
    const who: Who = { user: '29:pii', name: 'Pii', conversation: 'a:1on1-pii' };
    const [reply] = await send(activity(who, { text: '客户说联系 13812345678 或 li.lei@example.com，老婆不同意' }));
    expect(textOf(reply!)).toBeTruthy();
    expect(leaks(bot.output(), ['13812345678', 'li.lei@example.com', '老婆不同意', '业务员见了几次面', 'let me compare other quotes'])).toEqual([]);
  });
});
