/**
 * The operators' endpoints: /healthz, /readyz and /metrics on the real process (Teams in dev
 * mode, a local Bot Connector), and readiness turning to 503 when the database does not answer.
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlaybook } from '../../data/playbook.ts';
import { CLASSIFIER_VERSION } from '../../intents/classifier.ts';
import { checkReadiness, createOpsRouter, pingStore } from '../../bot/health.ts';
import { createHttpApp, listen } from '../../bot/http-server.ts';
import { createMetrics } from '../../bot/metrics.ts';
import { Store } from '../../store/store.ts';
import { activity, listening, post, spawnBot, startConnector, type Spawned } from './ops-fixture.ts';

/** The value of one sample line of a Prometheus text exposition, or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)(?:\{([^}]*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = (match[2] ?? '').split(',');
    if (wanted.every((w) => present.includes(w))) return Number(match[3]);
  }
  return undefined;
}

describe('the operators’ endpoints of a running bot', () => {
  let bot: Spawned;
  let connector: Awaited<ReturnType<typeof startConnector>>;
  beforeAll(async () => {
    connector = await startConnector();
    bot = spawnBot();
    await listening(bot);
  }, 60_000);
  afterAll(async () => {
    bot?.child.kill('SIGTERM');
    await bot?.exited;
    await connector?.close();
  });

  it('/healthz says the process is alive, and which classifier it runs', async () => {
    const response = await fetch(`${bot.base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, store: 'sqlite', classifier: expect.stringMatching(new RegExp(`^${CLASSIFIER_VERSION.replace(/\+/g, '\\+')}@[0-9a-f]{10}$`)) });
  });

  it('/readyz checks the database and reports the playbook and the classifier version', async () => {
    const response = await fetch(`${bot.base}/readyz`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ ready: true, database: { ok: true, kind: 'sqlite' }, classifier: { ok: true, version: (await (await fetch(`${bot.base}/healthz`)).json()).classifier } });
    expect(body.classifier.version.startsWith(`${CLASSIFIER_VERSION}@`)).toBe(true);
    expect(body.playbook.utterances).toBe(loadPlaybook().utterances.length);
  });

  it('/metrics counts turns by channel and label, their latency, and corrections, in Prometheus format', async () => {
    const user = '29:metrics-rep';
    expect((await post(bot, activity(connector.url, user, { text: 'let me compare other quotes' }))).status).toBe(200);
    const card = connector.posted.at(-1)!;
    const notObjection = card.attachments?.[0]?.content?.actions?.find((a) => a.title === 'Not an objection');
    expect(notObjection).toBeDefined();
    expect((await post(bot, activity(connector.url, user, { value: notObjection!.data }))).status).toBe(200);

    const response = await fetch(`${bot.base}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toContain('# TYPE objection_coach_turns_total counter');
    expect(sample(text, 'objection_coach_turns_total', { channel: 'msteams', label: 'timing' })).toBe(1);
    expect(sample(text, 'objection_coach_turns_total', { channel: 'msteams', label: 'unclassified' })).toBe(1);
    expect(sample(text, 'objection_coach_reply_latency_seconds_count', { channel: 'msteams' })).toBe(2);
    expect(sample(text, 'objection_coach_corrections_total', { from: 'timing', to: 'none' })).toBe(1);
    expect(sample(text, 'objection_coach_turns_in_flight')).toBe(0);
    expect(sample(text, 'objection_coach_process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(sample(text, 'objection_coach_build_info', { classifier: CLASSIFIER_VERSION })).toBe(1);
  });
});

describe('readiness and errors, in process', () => {
  const playbook = loadPlaybook();
  const sources = (ping: () => Promise<void>) => ({ ping, storeKind: 'sqlite', playbook, classifier: { version: CLASSIFIER_VERSION, loaded: true } });

  it('answers 503 naming the database when it no longer answers, and counts 5xx answers as errors', async () => {
    const store = await Store.openSqlite(':memory:');
    const metrics = createMetrics({ version: 'test', classifier: CLASSIFIER_VERSION });
    const boom = express.Router().get('/boom', () => {
      throw new Error('boom');
    });
    const ops = createOpsRouter({ metrics, readiness: sources(pingStore(store)) });
    const server = await listen(createHttpApp({ store, logger: pino({ level: 'silent' }), ops, dashboard: boom }), 0, '127.0.0.1');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      await store.close();
      const response = await fetch(`${base}/readyz`);
      expect(response.status).toBe(503);
      const body = await response.json();
      expect(body.ready).toBe(false);
      expect(body.database).toMatchObject({ ok: false, kind: 'sqlite' });
      expect(body.database.error).toBeTruthy();
      expect((await fetch(`${base}/healthz`)).status).toBe(200); // alive, even so

      expect((await fetch(`${base}/dashboard/boom`)).status).toBe(500);
      expect(sample(await (await fetch(`${base}/metrics`)).text(), 'objection_coach_errors_total', { channel: 'dashboard', stage: 'http' })).toBe(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('is not ready when the database hangs, or without a playbook', async () => {
    const hanging = await checkReadiness(sources(() => new Promise(() => {})), 50);
    expect(hanging.ready).toBe(false);
    expect(hanging.database.error).toMatch(/no answer within 50 ms/);
    const noPlaybook = await checkReadiness({ ...sources(async () => {}), playbook: undefined });
    expect(noPlaybook).toMatchObject({ ready: false, database: { ok: true }, playbook: { ok: false } });
  });
});
