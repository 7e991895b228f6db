/**
 * Microsoft Teams end to end over HTTP with Teams-shaped Activity JSON: the bot runs as a real
 * process (`TEAMS_DEV=1 npm start`); replies are captured by a local HTTP server acting as the
 * Bot Connector (the activity's serviceUrl). What needs the process is here — dev mode's
 * loopback listener, replies through the connector, the HTTP door's refusals, the process's
 * logs; the walks, channels, managers' files and redeliveries run in process
 * (in-process.test.ts), through the same adapter without a process.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, waitListening } from '../../helpers.ts';
import { leaks } from '../fuzz-run.ts';
import { activity as teamsActivity, actionsOf, noProfile, submit, textOf, type SentActivity, type Who } from './activities.ts';

/** Set once the bot listens: it takes any free port (PORT=0) and logs which. */
let endpoint = '';
const MANAGER = '29:manager-aad';
const dataDir = mkdtempSync(join(tmpdir(), 'coach-teams-'));

let connector: Server;
let connectorUrl: string;
const posted: SentActivity[] = [];
let bot: ReturnType<typeof startServer>;

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
  bot = startServer({ TEAMS_DEV: '1', PORT: '0', DATA_DIR: dataDir, MANAGER_IDS: `msteams:${MANAGER}` });
  await waitListening(bot);
  endpoint = `http://127.0.0.1:${/"port":(\d+)[^\n]*"msg":"listening"/.exec(bot.output())![1]}/api/messages`;
}, 60_000);

afterAll(async () => {
  await bot?.stop();
  await new Promise((resolve) => connector?.close(resolve));
});

/** An activity whose replies go to this test's connector. */
const activity = (who: Who, content: { text?: string; value?: unknown }, extra: Record<string, unknown> = {}) => teamsActivity(who, content, { serviceUrl: connectorUrl, ...extra });

/** Posts an activity, its replies going to this test's connector; returns what the bot sent there for it. */
async function send(body: Record<string, unknown>): Promise<SentActivity[]> {
  const before = posted.length;
  const response = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...body, serviceUrl: connectorUrl }) });
  expect(response.status).toBe(200);
  return posted.slice(before);
}

describe('Teams, 1:1 chat', () => {
  const li: Who = { user: '29:li-wei', name: 'Li Wei', conversation: 'a:1on1-li-wei', locale: 'zh-CN', timeZone: 'Asia/Shanghai' };

  it('listens on 127.0.0.1 only in dev mode without credentials', () => {
    expect(bot.output()).toMatch(/"host":"127\.0\.0\.1".*"teams":"dev"/);
  });

  it('replies through the Bot Connector: a card with the engine\'s actions, and the next step on a submit', async () => {
    const [first] = await send(activity(li, { text: '业务员见了几次面，都没和第一负责人约好' }));
    expect(first!.path).toMatch(/^\/v3\/conversations\/a%3A1on1-li-wei\/activities\/|^\/v3\/conversations\/a:1on1-li-wei\/activities\//);
    expect(first!.attachments![0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(textOf(first!)).toMatch(/成交信心不定 · 把握 \d+%/);
    expect(actionsOf(first!).map((a) => a.data.action)).toEqual(['go', 'fix', 'as:none']);
    const [question] = await send(submit(li, first!, '开始辅导'));
    const step1 = await noProfile(li, question!, 'zh', send);
    expect(textOf(step1)).toContain('第1步 · 看清信任问题');
  });

  it('answers a zh-CN manager in Chinese, naming buttons and steps as the rep saw them, never by id', async () => {
    const boss: Who = { user: MANAGER, name: 'Boss', conversation: 'a:1on1-boss-zh', locale: 'zh-CN' };
    const [audit] = await send(activity(boss, { text: '/audit li 1' }));
    const text = textOf(audit!);
    expect(text).toMatch(/^🗂 最近 1 段对话\n— Li Wei · msteams/);
    expect(text).toContain('销售: ▸ 开始辅导 ▶');
    expect(text).toContain('销售: ▸ 其他行业（通用）');
    expect(text).not.toMatch(/ind:|generic|: go$|\bsymptom\b/m);
    const [stats] = await send(activity(boss, { text: 'stats' }));
    expect(textOf(stats!)).toMatch(/^📊 近 7 天\n异议：/);
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

  it('starts a practice round from the menu word, and the customer answers what the rep did', async () => {
    const who: Who = { user: '29:practice', name: 'Prac', conversation: 'a:1on1-practice' };
    const opened = await send(activity(who, { text: 'practice trust' }));
    expect(opened.map(textOf).join('\n')).toMatch(/🎭 Practice[\s\S]*🧑‍💼 Customer: /);
    const answered = await send(activity(who, { text: "No obligation at all, and a full refund if it can't be done. Could we meet on Thursday at 3pm?" }));
    expect(answered.map(textOf).join('\n')).toContain("🧑‍💼 Customer: If there's no risk for me, let's meet at the time you said and talk it through.");
  }, 60_000);
});

describe('Teams, the logs', () => {
  it('carry no customer text and no personal data, at info level', async () => {
    const who: Who = { user: '29:pii', name: 'Pii', conversation: 'a:1on1-pii' };
    const [reply] = await send(activity(who, { text: '客户说联系 13812345678 或 li.lei@example.com，老婆不同意' }));
    expect(textOf(reply!)).toBeTruthy();
    expect(leaks(bot.output(), ['13812345678', 'li.lei@example.com', '老婆不同意', '业务员见了几次面', 'let me compare other quotes'])).toEqual([]);
  });
});
