/**
 * The dashboard as managers really open it, in Debian's Chromium: from a sign-in link clicked in
 * a chat app (a page on another site), on a 390 px phone in both languages — no sideways scroll,
 * tabs on one line — with emoji in colour and times in the browser's own time zone. Screenshots
 * at phone width go to docs/screenshots/ with UPDATE_SCREENSHOTS=1, otherwise to a scratch folder.
 */
import { mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputFromText } from '../../dialogs/commands.ts';
import { ROOT } from '../helpers.ts';
import { startDashboard, type DashboardServer } from './server.ts';
import { chromiumAvailable, launchChromium } from './chromium.ts';

const available = chromiumAvailable;
const shots = process.env.UPDATE_SCREENSHOTS === '1' ? join(ROOT, 'docs', 'screenshots') : mkdtempSync(join(tmpdir(), 'phone-shots-'));

let server: DashboardServer;
let browser: Browser;
/** A page on another site (localhost vs 127.0.0.1) with the link on it, as a chat app's web view shows it. */
let chat: Server;
let chatBase = '';
let linkOnChatPage = '';

beforeAll(async () => {
  if (!available) return;
  mkdirSync(shots, { recursive: true });
  server = await startDashboard();
  // A rep's practice rounds, for the practice view (the move detector trains here, once).
  const rep = { channel: 'telegram', chatId: '990', chatType: 'private', userId: '99', userName: 'Practice Pat' };
  for (const text of ['/practice trust', 'No obligation and a full refund if it can’t be done. Thursday at 3pm?', 'Thursday at 3pm then, nothing to sign.']) {
    await server.service.handle({ ...rep, input: inputFromText(text) });
  }
  chat = createServer((_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><meta charset="utf-8"><p>Coach bot: <a id="link" href="${linkOnChatPage}">open the dashboard</a></p>`);
  });
  await new Promise<void>((resolve) => chat.listen(0, '127.0.0.1', resolve));
  chatBase = `http://localhost:${(chat.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (chat ? chat.close(resolve) : resolve(undefined)));
  await server?.close();
});

async function phone(lang: 'en' | 'zh', timezoneId = 'Asia/Shanghai'): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: lang === 'zh' ? 'zh-CN' : 'en-US', timezoneId });
}

/** Page width beyond the 390 px screen (≤ 0: no sideways scroll), and tabs whose text wraps. */
async function fit(page: Page): Promise<{ overflow: number; wrappedTabs: string[] }> {
  return page.evaluate(() => {
    const wrappedTabs = [...document.querySelectorAll('header nav a')].filter((a) => {
      const range = document.createRange();
      range.selectNodeContents(a);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1;
    });
    return { overflow: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - 390, wrappedTabs: wrappedTabs.map((a) => a.textContent ?? '') };
  });
}

describe.skipIf(!available)('the dashboard on a phone, opened from a chat', () => {
  it('signs in from a link clicked on another site (the cookie survives the cross-site navigation)', async () => {
    const context = await phone('en');
    const page = await context.newPage();
    linkOnChatPage = `${server.auth.loginLink(server.base, 'telegram:1')}&lang=en`;
    await page.goto(chatBase);
    await Promise.all([page.waitForURL(/\/dashboard\?lang=en/), page.click('#link')]);
    expect(new URL(page.url()).origin).toBe(server.base);
    expect(await page.locator('main').innerText()).not.toContain('Sign in');
    await page.waitForSelector('[data-test=tabs]');
    // The cookie is HttpOnly and Lax: scripts cannot read it.
    expect(await page.evaluate(() => document.cookie)).not.toContain('coach_dashboard');
    // The same link clicked again (forwarded, or from the chat history) does not open a second session.
    const other = await phone('en');
    const second = await other.newPage();
    await second.goto(chatBase);
    await Promise.all([second.waitForURL(/\/dashboard\/login/), second.click('#link')]);
    expect(await second.locator('main').innerText()).toContain('used already');
    await other.close();
    await context.close();
  });

  for (const lang of ['en', 'zh'] as const) {
    it(`fits 390 px with one-line tabs, coloured emoji and the browser's time zone (${lang})`, async () => {
      const context = await phone(lang);
      const page = await context.newPage();
      await page.goto(`${server.auth.loginLink(server.base, 'telegram:1')}&lang=${lang}`);
      // The page script reads the browser's zone and redraws once in it.
      await page.waitForFunction(() => document.documentElement.dataset.tz === 'Asia/Shanghai');
      expect(await page.locator('[data-test=tz]').innerText()).toContain('Asia/Shanghai (UTC+08:00)');
      const { rows } = (await (await page.request.get(`${server.base}/dashboard/api/dialogs?q=${encodeURIComponent('等着看')}`)).json()) as { rows: { id: string }[] };
      const pages: [string, string][] = [
        ['overview', `/dashboard?lang=${lang}`],
        ['dialogs', `/dashboard/dialogs?lang=${lang}`],
        ['transcript', `/dashboard/dialogs/${rows[0]!.id}?lang=${lang}`],
        ['review', `/dashboard/review?lang=${lang}`],
        ['practice', `/dashboard/practice?lang=${lang}&days=30`],
      ];
      for (const [name, path] of pages) {
        await page.goto(`${server.base}${path}`);
        await page.waitForLoadState('load');
        const { overflow, wrappedTabs } = await fit(page);
        expect({ overflow: Math.max(0, overflow), wrappedTabs }, `${name} (${lang})`).toEqual({ overflow: 0, wrappedTabs: [] });
        const file = join(shots, `phone-${name}-${lang}.png`);
        await page.screenshot({ path: file, fullPage: true });
        expect(statSync(file).size).toBeGreaterThan(10_000);
      }
      // The clock emoji of the time-zone line is drawn in colour (an emoji font), not as a box.
      const coloured = await page.evaluate(() => {
        const canvas = document.createElement('canvas');
        canvas.width = canvas.height = 64;
        const g = canvas.getContext('2d')!;
        g.font = `48px ${getComputedStyle(document.body).fontFamily}`;
        g.fillText('🕘📣', 0, 52);
        const px = g.getImageData(0, 0, 64, 64).data;
        let n = 0;
        for (let i = 0; i < px.length; i += 4) if (px[i + 3]! > 0 && Math.max(px[i]!, px[i + 1]!, px[i + 2]!) - Math.min(px[i]!, px[i + 1]!, px[i + 2]!) > 40) n++;
        return n;
      });
      expect(coloured).toBeGreaterThan(100);
      await context.close();
    });
  }
});
