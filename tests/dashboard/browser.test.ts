/**
 * The dashboard in a real browser: Debian's Chromium driven by playwright-core. Signs in with a
 * link, sees the charts drawn from the seeded database, filters the dialogs, opens a transcript,
 * accepts a correction (and finds it in the database), and is refused without a session.
 * Screenshots of every page in both languages go to docs/screenshots/ with UPDATE_SCREENSHOTS=1
 * (the README shows them), otherwise to a scratch folder.
 */
import { mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.ts';
import { startDashboard, type DashboardServer } from './server.ts';
import { CHROMIUM, chromiumAvailable, launchChromium } from './chromium.ts';

const available = chromiumAvailable;
if (!available) process.stderr.write(`\n⚠️  ${CHROMIUM} not found: the dashboard browser tests are SKIPPED. .ci/run installs Debian's chromium.\n\n`);
const shots = process.env.UPDATE_SCREENSHOTS === '1' ? join(ROOT, 'docs', 'screenshots') : mkdtempSync(join(tmpdir(), 'shots-'));

let server: DashboardServer;
let browser: Browser;

beforeAll(async () => {
  if (!available) return;
  mkdirSync(shots, { recursive: true });
  server = await startDashboard();
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signedIn(lang: 'en' | 'zh'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: lang === 'zh' ? 'zh-CN' : 'en-US', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await page.goto(`${server.auth.loginLink(server.base, 'telegram:1')}&lang=${lang}`);
  return page;
}

/** The text of the first element matching `selector`, once it is there. */
async function textOf(page: Page, selector: string): Promise<string> {
  await page.waitForSelector(selector);
  return page.locator(selector).first().innerText();
}

/** Clicks and waits for the page it leads to. */
async function clickThrough(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

async function shoot(page: Page, name: string): Promise<void> {
  const file = join(shots, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  expect(statSync(file).size).toBeGreaterThan(10_000);
}

describe.skipIf(!available)('the dashboard in Chromium', () => {
  it('refuses a visitor without a session', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${server.base}/dashboard/dialogs`);
    expect(response!.status()).toBe(401);
    expect(await textOf(page, 'main')).toContain('/dashboard');
    await page.close();
  });

  for (const lang of ['en', 'zh'] as const) {
    it(`signs in with a link and draws the overview's charts from the database (${lang})`, async () => {
      const page = await signedIn(lang);
      expect(new URL(page.url()).pathname).toBe('/dashboard');
      await page.waitForFunction(() => Object.keys((window as unknown as { dashboardCharts?: object }).dashboardCharts ?? {}).length === 3);
      const drawn = await page.evaluate(() => {
        const charts = (window as unknown as { dashboardCharts: Record<string, { data: { datasets: { data: number[] }[] } }> }).dashboardCharts;
        const sum = (id: string) => charts[id]!.data.datasets.flatMap((d) => d.data).reduce((a, b) => a + b, 0);
        return { perDay: sum('chart-per-day'), funnel: charts['chart-funnel']!.data.datasets[0]!.data, perHour: sum('chart-per-hour') };
      });
      expect(drawn).toEqual({ perDay: 6, funnel: [6, 6, 3, 1], perHour: 6 });
      // The canvases really have pixels on them.
      const painted = await page.evaluate(() => {
        const canvas = document.getElementById('chart-funnel') as HTMLCanvasElement;
        const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        let coloured = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) coloured++;
        return coloured;
      });
      expect(painted).toBeGreaterThan(1000);
      expect(await textOf(page, '[data-test=per-rep]')).toContain('Li Wei');
      await shoot(page, `overview-${lang}`);
      await page.context().close();
    });

    it(`filters the dialogs and opens a transcript (${lang})`, async () => {
      const page = await signedIn(lang);
      await page.goto(`${server.base}/dashboard/dialogs?lang=${lang}`);
      await page.waitForSelector('[data-test=dialogs]');
      expect(await page.locator('[data-test=dialogs] tr').count()).toBe(7); // header + 6
      await shoot(page, `dialogs-${lang}`);
      await page.fill('input[name=rep]', 'Sam');
      await clickThrough(page, '[data-test=filters] button');
      expect(await page.locator('[data-test=dialogs] tr').count()).toBe(3);
      expect(await textOf(page, '[data-test=pager]')).toContain(lang === 'en' ? '2 dialogs' : '共 2 段对话');
      await page.fill('input[name=rep]', '');
      await page.fill('input[name=q]', '等着看');
      await clickThrough(page, '[data-test=filters] button');
      expect(await page.locator('[data-test=dialogs] tr').count()).toBe(2);
      await clickThrough(page, '[data-test=dialogs] tr:nth-child(2) a');
      const transcript = await textOf(page, '[data-test=transcript]');
      expect(transcript).toContain('等着看吧，下次再说');
      expect(transcript).toContain(lang === 'en' ? 'Stop repeating the pitch' : '别再重复卖点');
      expect(transcript).not.toContain('dont_repeat');
      await shoot(page, `transcript-${lang}`);
      await page.context().close();
    });
  }

  it('accepts a correction, which lands in the database (and screenshots the review page)', async () => {
    for (const lang of ['zh', 'en'] as const) {
      const page = await signedIn(lang);
      await page.goto(`${server.base}/dashboard/review?lang=${lang}`);
      expect(await textOf(page, '[data-test=review]')).toContain('let me compare other quotes');
      await shoot(page, `review-${lang}`);
      await page.context().close();
    }
    const page = await signedIn('en');
    await page.goto(`${server.base}/dashboard/review?lang=en`);
    const row = page.locator('[data-test=review] tr', { hasText: 'let me compare other quotes' });
    await Promise.all([page.waitForNavigation(), row.locator('button[value=accepted]').click()]);
    expect(await textOf(page, '[data-test=notice]')).toContain('Accepted');
    expect(await textOf(page, 'main')).not.toContain('let me compare other quotes');
    expect(await server.store.corrections.all()).toEqual([expect.objectContaining({ text: 'let me compare other quotes', label: 'trust', was: 'timing', acceptedBy: 'telegram:1' })]);
    await page.context().close();
  });
});
