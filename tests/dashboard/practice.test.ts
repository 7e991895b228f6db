/**
 * The dashboard's practice view: the team's practice rounds by type and by rep, in both
 * languages, apart from real deals (the overview does not move when reps practise), and the
 * switch for the team's real quotes as openings (a form with the CSRF token, stored in the
 * database where the chat's /practice reads it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputFromText } from '../../dialogs/commands.ts';
import { sharedPracticeKit } from '../../dialogs/practice/index.ts';
import { startDashboard, type DashboardServer } from './server.ts';

let server: DashboardServer;
let cookie: string;
const get = (path: string) => fetch(`${server.base}${path}`, { headers: { cookie }, redirect: 'manual' });
const csrfOf = (page: string) => /name="csrf" value="([^"]+)"/.exec(page)![1]!;
const rep = { channel: 'telegram', chatId: '900', chatType: 'private', userId: '90', userName: 'Practice Pat' };

beforeAll(async () => {
  sharedPracticeKit(); // the move detector trains once per process: not while a request waits
  server = await startDashboard();
  cookie = (await fetch(server.auth.loginLink(server.base, 'telegram:1'), { redirect: 'manual' })).headers.get('set-cookie')!.split(';')[0]!;
}, 60_000);
afterAll(() => server.close());

describe('the practice view', () => {
  it("shows the team's practice by type and rep, in both languages, and leaves the overview as it was", async () => {
    const overviewBefore = await (await get('/dashboard/api/overview?days=30')).json();
    const say = (text: string) => server.service.handle({ ...rep, input: inputFromText(text) });
    await say('/practice trust');
    await say('If it can’t be done, you get a full refund, in writing. Could we meet on Thursday at 3pm?');
    await say('Thursday at 3pm then, nothing to sign.');
    await say('/practice deal_size');
    await say('Our product is the best on the market, and I can give you a discount.');
    await say('cancel');

    expect(await (await get('/dashboard/api/overview?days=30')).json()).toEqual(overviewBefore);
    const api = (await (await get('/dashboard/api/practice?days=30')).json()) as { reps: { userName: string; rounds: number }[] };
    expect(api.reps).toEqual([expect.objectContaining({ userName: 'Practice Pat', rounds: 2 })]);

    const en = await (await get('/dashboard/practice?lang=en&days=30')).text();
    expect(en).toContain('Kept apart from real deals');
    expect(en).toMatch(/data-test="practice-team"[\s\S]*trust<\/td><td data-label="Rounds">1<\/td><td data-label="Moves hit">100%/);
    expect(en).toMatch(/data-test="practice-reps"[\s\S]*Practice Pat/);
    expect(en).toContain('Re-pitched the selling points 1');
    const zh = await (await get('/dashboard/practice?lang=zh&days=30')).text();
    expect(zh).toContain('和真实成交分开');
    expect(zh).toContain('最常漏掉');
    expect(zh).toMatch(/<a href="\/dashboard\/practice\?lang=zh" class="active">练习<\/a>/);
  });

  it('switches the team quotes on and off with the form, into the setting the chat reads', async () => {
    const page = await (await get('/dashboard/practice?lang=en')).text();
    expect(page).toContain('Practice rounds open with the playbook’s examples only.');
    const post = (body: string) => fetch(`${server.base}/dashboard/practice/team?lang=en`, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', origin: server.base }, body });
    expect((await post('on=on&csrf=wrong')).status).toBe(403);
    expect(await server.store.settings.get('practice.team_quotes')).toBeUndefined();
    const done = await post(`on=on&csrf=${csrfOf(page)}`);
    expect(done.status).toBe(303);
    expect(await server.store.settings.get('practice.team_quotes')).toBe('on');
    expect(await (await get('/dashboard/practice?lang=en')).text()).toContain('may open with the team’s recent real customer quotes');
    expect((await post(`on=maybe&csrf=${csrfOf(page)}`)).status).toBe(400);
  });
});
