/**
 * Dashboard speed with a large log: 100,000 audit rows made the way production makes them
 * (reps' conversations through the conversation service, spread over 90 days: mostly a quote
 * and a press or two, every tenth a full walk), then the server time of the overview page and
 * of filtered dialogs pages over HTTP, on SQLite; and how far guessing a sign-in token gets.
 */
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { DashboardAuth } from '../bot/dashboard/auth.ts';
import { createDashboardRouter } from '../bot/dashboard/routes.ts';
import { createHttpApp, listen } from '../bot/http-server.ts';
import type { CoachInput } from '../dialogs/engine.ts';
import { Store } from '../store/store.ts';
import { CONVERSATIONS, coach, serviceFor } from '../tests/dashboard/seed.ts';

const ROWS = 100_000;
const DAY_MS = 86_400_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export async function benchDashboard(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-dashboard-'));
  const store = await Store.openSqlite(join(dir, 'db.sqlite'));
  const start = Date.now() - 90 * DAY_MS;
  let clock = start;
  const service = serviceFor(store, () => clock);
  const seedStarted = performance.now();
  let rows = 0;
  let conversation = 0;
  const quotes = coach().playbook.utterances.map((u) => u.text);
  while (rows < ROWS) {
    const full = conversation % 10 === 0;
    const quote = quotes[(conversation * 7919) % quotes.length]!;
    const steps = full ? CONVERSATIONS[conversation % CONVERSATIONS.length]![2] : conversation % 2 ? [quote] : [quote, { press: 'go' }, { press: 'back' }];
    const rep = String(conversation % 400);
    for (const step of steps) {
      const input: CoachInput = typeof step === 'string' ? { type: 'text', text: step } : { type: 'action', action: step.press };
      await service.handle({ channel: conversation % 3 ? 'telegram' : 'msteams', chatId: rep, chatType: 'private', userId: rep, userName: `Rep ${rep}`, input });
      clock += Math.floor((90 * DAY_MS) / 36_000);
    }
    conversation++;
    if (conversation % 500 === 0) rows = (await store.stats.sizes()).audit;
  }
  const { dialogs } = await store.stats.sizes();
  const seeded = `seeded ${rows.toLocaleString('en')} audit rows and ${dialogs.toLocaleString('en')} dialogs through the service in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`;

  const auth = new DashboardAuth('bench-secret-0123456789', undefined);
  const logger = pino({ level: 'silent' });
  const server = await listen(createHttpApp({ store, logger, dashboard: createDashboardRouter({ store, logger, playbook: coach().playbook, auth }) }), 0, '127.0.0.1');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const cookie = `coach_dashboard=${auth.newSession('bench').cookie}`;
  const time = async (path: string) => {
    const samples: number[] = [];
    for (let i = 0; i < 21; i++) {
      const t0 = performance.now();
      const response = await fetch(`${base}${path}`, { headers: { cookie } });
      await response.text();
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
      samples.push(performance.now() - t0);
    }
    return median(samples);
  };
  const overview30 = await time('/dashboard?days=30&lang=en');
  const overview90 = await time('/dashboard?days=90&lang=en');
  const filtered = await time('/dashboard/dialogs?lang=en&type=trust&outcome=open&rep=Rep%2012&page=1');
  const search = await time('/dashboard/dialogs?lang=zh&q=%E8%80%81%E5%A9%86&page=3');
  const deepPage = await time('/dashboard/dialogs?lang=en&page=400');

  // Guessing a standing token: as many wrong tries as one client can send in 2 s, one at a time.
  const guessing = { sent: 0, refused401: 0, locked429: 0 };
  const guessStarted = performance.now();
  while (performance.now() - guessStarted < 2000) {
    const response = await fetch(`${base}/dashboard/login?token=guess-${guessing.sent}-0123456789abcdef`, { redirect: 'manual' });
    await response.arrayBuffer();
    guessing.sent++;
    if (response.status === 401) guessing.refused401++;
    else if (response.status === 429) guessing.locked429++;
  }
  const guessSeconds = (performance.now() - guessStarted) / 1000;
  await new Promise((resolve) => server.close(resolve));
  await store.close();
  return [
    seeded,
    `overview page, last 30 days: ${overview30.toFixed(1)} ms; last 90 days (every row): ${overview90.toFixed(1)} ms (median of 21, HTTP on localhost)`,
    `dialogs page filtered by type + outcome + rep: ${filtered.toFixed(1)} ms; text search, page 3: ${search.toFixed(1)} ms; unfiltered page 400: ${deepPage.toFixed(1)} ms`,
    `sign-in guessing from one address: ${guessing.sent} tries in ${guessSeconds.toFixed(1)} s — ${guessing.refused401} checked (401), ${guessing.locked429} refused unchecked (429, locked out for 15 min)`,
  ];
}
