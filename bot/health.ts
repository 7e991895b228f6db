/**
 * The operators' endpoints, mounted first on the HTTP server: `/readyz` (can this instance serve
 * a turn now? the database answers `select 1`, the playbook and the classifier are loaded; 503
 * when not) and `/metrics` (Prometheus text format, see metrics.ts). `/healthz` — alive, checks
 * nothing, for restart decisions — stays in http-server.ts. The router also counts every 5xx
 * the server answers, on any route, as an error.
 */
import express from 'express';
import { sql } from 'kysely';
import type { Playbook } from '../data/playbook.ts';
import type { Store } from '../store/store.ts';
import type { Metrics } from './metrics.ts';

/**
 * Longest a graceful shutdown (bot/main.ts) may take before the process exits anyway: inside
 * Docker's default 10 s stop timeout; compose.yaml and the systemd unit allow more.
 */
export const SHUTDOWN_GRACE_MS = 8000;

/** How long /readyz waits for the database before calling it unreachable. */
export const PING_TIMEOUT_MS = 2000;

export interface ReadinessSources {
  /** Resolves when the database answers; rejects (or times out) when it does not. */
  ping: () => Promise<void>;
  storeKind: string;
  playbook: Playbook | undefined;
  classifier: { version: string; loaded: boolean };
}

export interface Readiness {
  ready: boolean;
  database: { ok: boolean; kind: string; ms: number; error?: string };
  playbook: { ok: boolean; utterances: number };
  classifier: { ok: boolean; version: string };
}

/** `select 1` on the store's database. */
export function pingStore(store: Store): () => Promise<void> {
  return async () => {
    await store.ping();
  };
}

/** Checks each part; never throws (a failure is a `false` with its reason). */
export async function checkReadiness(sources: ReadinessSources, timeoutMs = PING_TIMEOUT_MS): Promise<Readiness> {
  const started = performance.now();
  let error: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      sources.ping(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  } finally {
    clearTimeout(timer);
  }
  const database = { ok: error === undefined, kind: sources.storeKind, ms: Math.round((performance.now() - started) * 10) / 10, ...(error ? { error } : {}) };
  const utterances = sources.playbook?.utterances.length ?? 0;
  const playbook = { ok: utterances > 0, utterances };
  const classifier = { ok: sources.classifier.loaded, version: sources.classifier.version };
  return { ready: database.ok && playbook.ok && classifier.ok, database, playbook, classifier };
}

/** Which channel a request path belongs to, for the error counter. */
function channelOf(path: string): string {
  if (path.startsWith('/telegram/')) return 'telegram';
  if (path.startsWith('/api/messages')) return 'msteams';
  if (path.startsWith('/dashboard')) return 'dashboard';
  return 'http';
}

/** /readyz and /metrics, and the 5xx counter; mount before every other route. */
export function createOpsRouter(options: { metrics: Metrics; readiness: ReadinessSources }): express.Router {
  const { metrics, readiness } = options;
  const router = express.Router();
  router.use((req, res, next) => {
    res.once('finish', () => {
      if (res.statusCode >= 500) metrics.errors.inc({ channel: channelOf(req.path), stage: 'http' });
    });
    next();
  });
  router.get('/readyz', async (_req, res) => {
    const state = await checkReadiness(readiness);
    res.status(state.ready ? 200 : 503).json(state);
  });
  router.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}
