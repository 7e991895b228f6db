/**
 * The dashboard over HTTP: who gets in (link, token, cookie), what the pages and the API say,
 * CSRF protection on the review, escaping, and the accepted corrections that training reads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DashboardAuth } from '../../bot/dashboard/auth.ts';
import { pino } from 'pino';
import { CoachService } from '../../bot/service/coach-service.ts';
import { createEngine } from '../../dialogs/engine.ts';
import { coach } from './seed.ts';
import { DASHBOARD_TOKEN, startDashboard, type DashboardServer } from './server.ts';

let server: DashboardServer;
let cookie: string;

beforeAll(async () => {
  server = await startDashboard();
  const response = await fetch(server.auth.loginLink(server.base, 'telegram:1'), { redirect: 'manual' });
  cookie = response.headers.get('set-cookie')!.split(';')[0]!;
}, 60_000);
afterAll(() => server.close());

const get = (path: string, withCookie = true) => fetch(`${server.base}${path}`, { headers: withCookie ? { cookie } : {}, redirect: 'manual' });
const csrfOf = (page: string) => /name="csrf" value="([^"]+)"/.exec(page)![1]!;

describe('dashboard sign-in', () => {
  it('turns a login link into an HttpOnly, SameSite=Lax session cookie (Secure over HTTPS)', async () => {
    const response = await fetch(server.auth.loginLink(server.base, 'telegram:1'), { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(/^\/dashboard\?lang=/);
    const setCookie = response.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^coach_dashboard=[\w-]+\.[\w-]+; Path=\/dashboard; HttpOnly; SameSite=Lax; Max-Age=28800$/);
    const behindTls = await fetch(server.auth.loginLink(server.base, 'telegram:1'), { redirect: 'manual', headers: { 'x-forwarded-proto': 'https' } });
    expect(behindTls.headers.get('set-cookie')).toMatch(/; HttpOnly; SameSite=Lax; Max-Age=28800; Secure$/);
  });

  it('accepts the standing DASHBOARD_TOKEN', async () => {
    const response = await fetch(`${server.base}/dashboard/login?token=${DASHBOARD_TOKEN}`, { redirect: 'manual' });
    expect(response.status).toBe(303);
  });

  it('refuses a forged, tampered or expired link', async () => {
    const other = new DashboardAuth('another-secret-of-16-chars!', undefined);
    expect((await fetch(other.loginLink(server.base, 'telegram:1'), { redirect: 'manual' })).status).toBe(401);
    const link = server.auth.loginLink(server.base, 'telegram:1');
    expect((await fetch(link.replace(/token=(.)/, 'token=X'), { redirect: 'manual' })).status).toBe(401);
    const past = new DashboardAuth('a-secret-of-at-least-16-chars', undefined, () => Date.now() - 3_600_000);
    expect((await fetch(past.loginLink(server.base, 'telegram:1'), { redirect: 'manual' })).status).toBe(401);
  });

  it('answers no page and no API without a session', async () => {
    for (const path of ['/dashboard', '/dashboard/dialogs', '/dashboard/review', '/dashboard/dialogs.csv']) {
      const response = await get(path, false);
      expect(response.status).toBe(401);
      expect(await response.text()).toMatch(/dashboard|看板/i);
    }
    const api = await get('/dashboard/api/overview', false);
    expect(api.status).toBe(401);
    expect(await api.json()).toEqual({ ok: false, error: 'sign in first' });
  });
});

describe('dashboard pages and API', () => {
  it('serves the overview with its chart data, its scripts from the project, in both languages', async () => {
    const response = await get('/dashboard?lang=en&days=30');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const page = await response.text();
    expect(page).toContain('<script src="/dashboard/assets/chart.umd.min.js"></script>');
    expect(page).toMatch(/id="dashboard-data">\{.*"funnel":\[6,6,3,1\]/);
    expect((await get('/dashboard/assets/chart.umd.min.js')).status).toBe(200);
    expect(await (await get('/dashboard?lang=zh')).text()).toContain('每日异议');
  });

  it('escapes what reps typed: a name full of <script> stays text', async () => {
    const page = await (await get('/dashboard/dialogs?lang=en')).text();
    expect(page).toContain('Ana &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page).toContain('&lt;b&gt;bold&lt;/b&gt;');
  });

  it('filters and pages the dialogs on the server, and exports the filter as CSV', async () => {
    const api = (await (await get('/dashboard/api/dialogs?rep=sam')).json()) as { total: number; rows: { user_name: string }[] };
    expect(api.total).toBe(2);
    expect(api.rows.every((r) => r.user_name === 'Sam Carter')).toBe(true);
    const page = await (await get('/dashboard/dialogs?lang=en&type=trust')).text();
    expect(page).toContain('Page 1 of 1 · 2 dialogs');
    const response = await get('/dashboard/dialogs.csv?outcome=booked&tz=Asia/Shanghai');
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the UTF-8 byte order mark
    const lines = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('id,at,local_time (Asia/Shanghai),channel,chat_id,user_id,user_name,quote,predicted,confidence,corrected,label,started,steps,last_step,finished,outcome,review,reviewed_by,type_name,last_step_title');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('等着看吧，下次再说');
    expect(lines[1]).toMatch(/,next_step,.*,timing,Send the invitation$/); // the id, then its title in the manager's language
    const zh = new TextDecoder('utf-8').decode(new Uint8Array(await (await get('/dashboard/dialogs.csv?outcome=booked&lang=zh')).arrayBuffer())).trim().split('\r\n');
    expect(zh[1]).toMatch(/,时间,发出邀约$/);
    // The local time is the UTC time eight hours on (Shanghai keeps no summer time).
    const [, utc, local] = lines[1]!.split(',');
    expect(local).toBe(new Date(Date.parse(utc!) + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' '));
  });

  it('shows a dialog\'s transcript: what the rep typed, the answer, the classification and steps', async () => {
    const { rows } = (await (await get('/dashboard/api/dialogs?outcome=booked')).json()) as { rows: { id: string }[] };
    const page = await (await get(`/dashboard/dialogs/${rows[0]!.id}?lang=zh`)).text();
    expect(page).toContain('等着看吧，下次再说');
    expect(page).toMatch(/时间 · \d+%/);
    // Step titles and button labels from the playbook, not the engine's ids (those only in tooltips).
    expect(page).toContain('>别再重复卖点</span>');
    expect(page).toContain('>▸ 特殊需求</span>');
    expect(page).toContain('>▸ 约成了</span>');
    expect(page).not.toMatch(/>[^<]*(dont_repeat|c:special|out:booked)[^<]*</);
    expect(page).toContain('约成');
    const english = await (await get(`/dashboard/dialogs/${rows[0]!.id}?lang=en`)).text();
    expect(english).toContain('>Stop repeating the pitch</span>');
    expect(english).toContain('>▸ Special</span>');
    expect((await get('/dashboard/dialogs/nope')).status).toBe(404);
  });
});

describe('reviewing corrections', () => {
  it('refuses a decision without the form token, or from another site', async () => {
    const { rows } = (await (await get('/dashboard/api/dialogs?q=compare')).json()) as { rows: { id: string }[] };
    const post = (body: string, origin?: string) =>
      fetch(`${server.base}/dashboard/review/${rows[0]!.id}`, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...(origin ? { origin } : {}) }, body });
    expect((await post('decision=accepted')).status).toBe(403);
    expect((await post('decision=accepted&csrf=wrong')).status).toBe(403);
    const csrf = csrfOf(await (await get('/dashboard/review')).text());
    expect((await post(`decision=accepted&csrf=${csrf}`, 'https://evil.example')).status).toBe(403);
  });

  it('accepting stores the quote, the corrected label, who and when in the database that training reads (no file written)', async () => {
    const review = await (await get('/dashboard/review?lang=en')).text();
    expect(review).toContain('let me compare other quotes');
    const { rows } = (await (await get('/dashboard/api/dialogs?q=compare')).json()) as { rows: { id: string }[] };
    const id = rows[0]!.id;
    expect(review).toContain(`action="/dashboard/review/${id}?lang=en"`);
    const response = await fetch(`${server.base}/dashboard/review/${id}?lang=en`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', origin: server.base },
      body: `decision=accepted&csrf=${csrfOf(review)}`,
    });
    expect(response.status).toBe(303);
    expect(await (await get(response.headers.get('location')!)).text()).toContain('Accepted — added to the training data.');
    const stored = await server.store.corrections.all();
    expect(stored).toEqual([expect.objectContaining({ dialog: id, text: 'let me compare other quotes', label: 'trust', was: 'timing', acceptedBy: 'telegram:1' })]);
    expect(Math.abs(stored[0]!.acceptedAt - Date.now())).toBeLessThan(3_600_000);
    expect(server.accepted()).toBe(1); // the instance was told to retrain now
  });

  it('rejecting writes nothing, and a decision cannot be taken twice', async () => {
    const review = await (await get('/dashboard/review')).text();
    const [, id] = /action="\/dashboard\/review\/([^"?]+)/.exec(review)!;
    const post = () =>
      fetch(`${server.base}/dashboard/review/${id}`, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: `decision=rejected&csrf=${csrfOf(review)}` });
    expect((await post()).status).toBe(303);
    expect((await post()).status).toBe(404);
    expect(await server.store.corrections.all()).toHaveLength(1);
    expect(server.accepted()).toBe(1);
  });
});

describe('the bot hands out sign-in links', () => {
  it('gives a manager a working link in a private chat, refuses in a group and refuses non-managers', async () => {
    const { playbook, classifier } = coach();
    const service = new CoachService({
      engine: createEngine(playbook, classifier),
      store: server.store,
      logger: pino({ level: 'silent' }),
      managerIds: new Set(['telegram:1']),
      redaction: true,
      dashboardLink: (sub) => server.auth.loginLink(server.base, sub),
    });
    const ask = (userId: string, chatType: string) => service.handle({ channel: 'telegram', chatId: userId, chatType, userId, userName: 'x', input: { type: 'text', text: '/dashboard' } }).then((answer) => answer.replies);
    const [reply] = await ask('1', 'private');
    const link = /http\S+/.exec(reply!.text)![0];
    expect((await fetch(link, { redirect: 'manual' })).status).toBe(303);
    expect((await ask('1', 'group'))[0]!.text).toMatch(/private chat/);
    expect((await ask('2', 'private'))[0]!.text).toMatch(/managers only/);
    // The link is a credential: the audit log keeps the reply without it.
    const logged = await server.store.audit.latest(5, '1');
    expect(JSON.stringify(logged)).not.toContain(link);
  });
});

describe('what a manager reads of a walk', () => {
  let fresh: DashboardServer;
  let freshCookie: string;
  beforeAll(async () => {
    fresh = await startDashboard({ empty: true });
    freshCookie = (await fetch(fresh.auth.loginLink(fresh.base, 'telegram:1'), { redirect: 'manual' })).headers.get('set-cookie')!.split(';')[0]!;
    // A Chinese rep: the industry by button, a trust symptom answered by typing its number, a
    // yield promise flagged by the compliance guard and used anyway.
    const steps = ['客户一直见不到他们老板，拍不了板', { press: 'go' }, { press: 'ind:wealth_management' }, { press: 'noprod' }, '2', { press: 'next' }, { press: 'c:own' }, '保证年化7%', { press: 'keep' }];
    for (const step of steps) {
      const input = typeof step === 'string' ? ({ type: 'text', text: step } as const) : ({ type: 'action', action: step.press } as const);
      await fresh.service.handle({ channel: 'telegram', chatId: '21', chatType: 'private', userId: '21', userName: 'Qian', input });
    }
  }, 60_000);
  afterAll(() => fresh.close());
  const read = async (path: string) => (await fetch(`${fresh.base}${path}`, { headers: { cookie: freshCookie } })).text();

  it('shows the industry by name, a typed number as the button it pressed, and the override with its rule and step', async () => {
    const { rows } = JSON.parse(await read('/dashboard/api/dialogs')) as { rows: { id: string }[] };
    const zh = await read(`/dashboard/dialogs/${rows[0]!.id}?lang=zh`);
    expect(zh).toContain('>▸ 财富管理/私行</span>');
    expect(zh).toContain('>▸ 见不到负责人</span>');
    expect(zh).toMatch(/⚠️ 承诺收益或收益率 · 写下你的承诺<\/span><pre>保证年化7%<\/pre>/);
    expect(zh).not.toMatch(/>[^<]*(wealth_management|no_decision_maker|guaranteed_return|own_promise)[^<]*</);
    const en = await read(`/dashboard/dialogs/${rows[0]!.id}?lang=en`);
    expect(en).toContain('>▸ Wealth &amp; private banking</span>');
    expect(en).toMatch(/⚠️ Promising a return or yield · Write your promise</);
  });

  it('lists the override on the overview and in the API', async () => {
    expect(await read('/dashboard?lang=en')).toMatch(/data-test="overrides"[\s\S]*Qian[\s\S]*Promising a return or yield[\s\S]*trust · Write your promise/);
    const api = JSON.parse(await read('/dashboard/api/overview')) as { overrides: { ruleId: string; step: string }[] };
    expect(api.overrides).toMatchObject([{ ruleId: 'guaranteed_return', step: 'own_promise' }]);
  });
});
