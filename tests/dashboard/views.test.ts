/**
 * What a manager reads: times on their own clock and labelled, step titles and button labels in
 * transcripts, the review grouped by type and a page at a time, and a CSV a spreadsheet opens
 * safely (no formulas run, Chinese intact).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { neutralise, toCsv } from '../../bot/service/csv.ts';
import { buttonLabel, stepTitle } from '../../bot/service/audit-view.ts';
import { REVIEW_PAGE_SIZE } from '../../bot/dashboard/review.ts';
import { formatIn, offsetLabel, offsetMinutes, startOfDay, validZone } from '../../bot/dashboard/timezone.ts';
import { coach } from './seed.ts';
import { startDashboard, type DashboardServer } from './server.ts';

const HOUR = 3_600_000;

describe('time zones', () => {
  it('knows real zones, their offsets on a given day, and where a day begins', () => {
    expect(validZone('asia/shanghai')).toBe('Asia/Shanghai');
    expect(validZone('Mars/Olympus')).toBeUndefined();
    expect(validZone('x'.repeat(100))).toBeUndefined();
    const january = Date.UTC(2026, 0, 15, 12);
    const july = Date.UTC(2026, 6, 15, 12);
    expect([offsetMinutes('Asia/Shanghai', january), offsetMinutes('Asia/Shanghai', july)]).toEqual([480, 480]);
    expect([offsetMinutes('America/New_York', january), offsetMinutes('America/New_York', july)]).toEqual([-300, -240]);
    expect([offsetLabel(480), offsetLabel(-210), offsetLabel(0)]).toEqual(['UTC+08:00', 'UTC−03:30', 'UTC']);
    // 01:00 UTC is 09:00 in Beijing: the start of a team's working day, not the middle of the night.
    expect(formatIn('Asia/Shanghai', Date.UTC(2026, 10, 30, 1, 0))).toBe('2026-11-30 09:00');
    expect(startOfDay('2026-11-30', 'Asia/Shanghai')).toBe(Date.UTC(2026, 10, 29, 16));
    // The day summer time starts in New York is 23 hours long.
    expect(startOfDay('2026-03-09', 'America/New_York')! - startOfDay('2026-03-08', 'America/New_York')!).toBe(23 * HOUR);
    expect(startOfDay('2026-13-45', 'UTC')).toBeUndefined();
  });
});

describe('transcript names', () => {
  const { playbook } = coach();
  it('turns step ids and button actions into what the rep saw, in both languages', () => {
    expect(stepTitle(playbook, 'en', 'timing', 'dont_repeat')).toBe(playbook.walks.timing[0]!.title.en);
    expect(stepTitle(playbook, 'zh', 'timing', 'dont_repeat')).toBe(playbook.walks.timing[0]!.title.zh);
    const need = playbook.walks.timing.find((s) => s.choices?.some((c) => c.id === 'special'))!;
    expect(buttonLabel(playbook, 'zh', 'c:special', { objection: 'timing', step: need.id })).toBe(need.choices!.find((c) => c.id === 'special')!.label.zh);
    expect(buttonLabel(playbook, 'en', 'c:special')).toBe('Special');
    expect(buttonLabel(playbook, 'en', 'out:booked')).toBe('Booked');
    expect(buttonLabel(playbook, 'en', 'as:trust')).toBe(playbook.labels.trust.short.en);
    expect(buttonLabel(playbook, 'en', 'fix', { classifiedAs: 'none' })).not.toBe(buttonLabel(playbook, 'en', 'fix', { classifiedAs: 'timing' }));
    // Ids the playbook does not know stay as they are, and nothing inherited from Object counts.
    expect(stepTitle(playbook, 'en', 'timing', 'retired_step')).toBe('retired_step');
    expect(buttonLabel(playbook, 'en', 'kb:constructor')).toBe('kb:constructor');
    expect(buttonLabel(playbook, 'en', 'c:__proto__')).toBe('c:__proto__');
  });
});

describe('CSV for spreadsheets', () => {
  it('neutralises cells a spreadsheet would run, and only those', () => {
    for (const text of ['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) expect(neutralise(text)).toBe(`'${text}`);
    for (const text of ['客户说太贵了', 'a=b', '1-2', 'mail@example.com']) expect(neutralise(text)).toBe(text);
    const csv = toCsv(['quote', 'steps'], [{ quote: '=cmd|" /C calc"!A0', steps: -1 }], (r, c) => r[c as 'quote' | 'steps'], { bom: true });
    expect(csv).toBe('\uFEFFquote,steps\r\n"\'=cmd|"" /C calc""!A0",-1\r\n');
  });
});

describe('the pages', () => {
  let server: DashboardServer;
  let cookie: string;
  const get = async (path: string) => (await fetch(`${server.base}${path}`, { headers: { cookie } })).text();

  beforeAll(async () => {
    server = await startDashboard({ timeZone: 'Asia/Shanghai' });
    cookie = (await fetch(server.auth.loginLink(server.base, 'telegram:1'), { redirect: 'manual' })).headers.get('set-cookie')!.split(';')[0]!;
    // A customer quote that is a formula, and enough corrections for more than one review page.
    const talk = async (rep: string, text: string, ...presses: string[]) => {
      for (const input of [{ type: 'text' as const, text }, ...presses.map((action) => ({ type: 'action' as const, action }))]) {
        await server.service.handle({ channel: 'telegram', chatId: rep, chatType: 'private', userId: rep, userName: `Rep ${rep}`, input });
      }
    };
    await talk('70', '=HYPERLINK("http://evil.example","价格太贵")');
    for (let i = 0; i < REVIEW_PAGE_SIZE + 5; i++) await talk(String(100 + i), `we need to think it over, maybe next month (${i})`, 'fix', i % 2 ? 'as:trust' : 'as:deal_size');
  }, 60_000);
  afterAll(() => server.close());

  it('show times in the team zone by default, in the asked zone after ?tz=, labelled', async () => {
    const { rows } = JSON.parse(await get('/dashboard/api/dialogs?q=等着看')) as { rows: { id: string; at: number }[] };
    const at = rows[0]!.at;
    const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);
    const team = await get(`/dashboard/dialogs/${rows[0]!.id}?lang=en`);
    expect(team).toContain('Times in <strong>Asia/Shanghai (UTC+08:00)</strong>');
    expect(team).toContain(`${hhmm(at + 8 * HOUR)} · Rep`);
    const response = await fetch(`${server.base}/dashboard/dialogs/${rows[0]!.id}?lang=en&tz=America/Sao_Paulo`, { headers: { cookie } });
    expect(response.headers.get('set-cookie')).toMatch(/^coach_tz=America%2FSao_Paulo; .*Path=\/dashboard/);
    const page = await response.text();
    expect(page).toContain('Times in <strong>America/Sao_Paulo (UTC−03:00)</strong>');
    expect(page).toContain(`${hhmm(at - 3 * HOUR)} · Rep`);
    expect(page).toContain('use Asia/Shanghai');
    // The cookie keeps the choice; a zone that does not exist falls back to the team's.
    const kept = await (await fetch(`${server.base}/dashboard/dialogs?lang=en`, { headers: { cookie: `${cookie}; coach_tz=America%2FSao_Paulo` } })).text();
    expect(kept).toContain('America/Sao_Paulo (UTC−03:00)');
    expect(await get('/dashboard?lang=en&tz=Nowhere/Atlantis')).toContain('Asia/Shanghai (UTC+08:00)');
  });

  it('count the busiest hours on the manager\'s clock', async () => {
    const hours = async (tz: string) => (JSON.parse(await get(`/dashboard/api/overview?tz=${tz}`)) as { perHour: { hour: number; n: number }[] }).perHour;
    const utc = await hours('UTC');
    const beijing = await hours('Asia/Shanghai');
    expect(beijing).toEqual(utc.map((h) => ({ hour: (h.hour + 8) % 24, n: h.n })).sort((a, b) => a.hour - b.hour));
  });

  it('export a formula-like quote as text, with a byte order mark', async () => {
    const response = await fetch(`${server.base}/dashboard/dialogs.csv?q=HYPERLINK`, { headers: { cookie } });
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""价格太贵"")"`);
    expect(text).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it('show the pipeline of open deals by type and age, stalled longest first, in both languages', async () => {
    const now = Date.now();
    const deal = (id: string, objection: string, alias: string | null, days: number) => ({ id, channel: 'telegram', chatId: '90', userId: '90', userName: 'Rep 90', alias, objection, types: [objection], quotes: 1, messages: 1, closed: false, outcome: null, nextAt: null, followUp: { kind: 'recontact', at: now + HOUR }, followedUp: false, openedAt: now - days * 24 * HOUR, updatedAt: now - days * 24 * HOUR });
    await server.store.deals.save([deal('p-1', 'trust', '<b>王总</b>', 12), deal('p-2', 'timing', null, 1), { ...deal('p-3', 'deal_size', 'Acme', 2), closed: true, outcome: 'booked', followedUp: true }]);
    const en = await get('/dashboard?lang=en');
    const section = en.slice(en.indexOf('data-test="pipeline"'));
    const open = (await server.store.deals.pipeline({ now })).open.length;
    expect(section).toContain(`Open deals (${open})`);
    expect(section).toContain('&lt;b&gt;王总&lt;/b&gt;'); // escaped like every value
    expect(section).toMatch(/<td>&lt;b&gt;王总&lt;\/b&gt;<\/td><td>[^<]+<\/td><td>12<\/td><td>Re-contact · \d{4}-\d\d-\d\d \d\d:\d\d<\/td>/);
    const ages = [...section.matchAll(/<td>(\d+)<\/td><td>(?:—|[^<]+ · \d{4})/g)].map((m) => Number(m[1]));
    expect(ages.length).toBe(open);
    expect(ages).toEqual([...ages].sort((a, b) => b - a)); // stalled longest first
    expect(section).toMatch(/Booked 1 \/ \d+/); // after a reminder / without
    const zh = await get('/dashboard?lang=zh');
    expect(zh).toContain(`跟进中的客户 (${open})`);
    expect(zh).toContain('8 天以上');
  });

  it('group the review by corrected type and page it', async () => {
    const first = await get('/dashboard/review?lang=en');
    const total = (first.match(/<tr><td><a href="\/dashboard\/dialogs\//g) ?? []).length;
    expect(total).toBe(REVIEW_PAGE_SIZE);
    const pageLine = /Page 1 of (\d+) · (\d+) corrections/.exec(first)!;
    expect(Number(pageLine[2])).toBeGreaterThanOrEqual(REVIEW_PAGE_SIZE + 5);
    expect(Number(pageLine[1])).toBe(Math.ceil(Number(pageLine[2]) / REVIEW_PAGE_SIZE));
    // Group headings in the playbook's type order, each once per page.
    const groups = [...first.matchAll(/data-test="review-group"><th colspan="5">Corrected to ([^(]+) \(/g)].map((m) => m[1]!.trim());
    expect(groups.length).toBeGreaterThan(0);
    expect(new Set(groups).size).toBe(groups.length);
    const second = await get('/dashboard/review?lang=en&page=2');
    expect(second).toContain('Page 2 of');
    const trust = coach().playbook.labels.trust.short.en;
    const onlyTrust = await get('/dashboard/review?lang=en&type=trust');
    const trustGroups = [...onlyTrust.matchAll(/data-test="review-group"><th colspan="5">Corrected to ([^(]+) \(/g)].map((m) => m[1]!.trim());
    expect(trustGroups).toEqual([trust]);
  });
});
