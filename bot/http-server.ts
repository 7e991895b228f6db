/**
 * The project's one HTTP server (express): /healthz, and the channels' endpoints —
 * /telegram/webhook, /api/messages (Teams) and the managers' dashboard (/dashboard).
 */
import type { Server } from 'node:http';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import { authorizeJWT, type AuthConfiguration } from '@microsoft/agents-hosting';
import { webhookCallback, type Bot } from 'grammy';
import type { Store } from '../store/store.ts';
import type { Logger } from './logger.ts';

export interface HttpOptions {
  store: Store;
  logger: Logger;
  telegram?: { bot: Bot; secret: string };
  /** The managers' dashboard at /dashboard. */
  dashboard?: express.Router;
  /** The Teams endpoint: the SDK's JWT check, then the adapter's handler. */
  teams?: { authConfig: AuthConfiguration; handler: (req: express.Request, res: express.Response) => Promise<void> };
  /** Operators' routes (/readyz, /metrics: bot/health.ts), mounted before all others. */
  ops?: express.Router;
}

/** Refuses a body that is not an Activity (a type and a conversation id) before the SDK sees it. */
const requireActivity: RequestHandler = (req, res, next) => {
  const body = req.body as { type?: unknown; conversation?: { id?: unknown } } | undefined;
  if (typeof body !== 'object' || body === null || Array.isArray(body) || typeof body.type !== 'string' || typeof body.conversation?.id !== 'string') {
    res.status(400).json({ ok: false, error: 'the body is not an Activity' });
    return;
  }
  next();
};

/** Refuses a body that is not a Telegram update, before grammY sees it. */
const requireUpdate: RequestHandler = (req, res, next) => {
  const body = req.body as { update_id?: unknown } | undefined;
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !Number.isInteger(body.update_id)) {
    res.status(400).json({ ok: false, error: 'the body is not a Telegram update' });
    return;
  }
  next();
};

export function createHttpApp(options: HttpOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  if (options.ops) app.use(options.ops);
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true, store: options.store.kind, channels: { telegram: Boolean(options.telegram), teams: Boolean(options.teams) }, dashboard: Boolean(options.dashboard) });
  });
  if (options.telegram) {
    const { bot, secret } = options.telegram;
    app.post(
      '/telegram/webhook',
      // Wrong or missing secret: 401 before the body is even parsed.
      (req, res, next) => {
        if (req.get('x-telegram-bot-api-secret-token') !== secret) {
          options.logger.warn({ ip: req.ip }, 'Telegram webhook call with a wrong secret');
          res.status(401).json({ ok: false, error: 'wrong secret token' });
          return;
        }
        next();
      },
      express.json({ limit: '1mb' }),
      requireUpdate,
      webhookCallback(bot, 'express', { secretToken: secret, onTimeout: 'return', timeoutMilliseconds: 55_000 }),
    );
  }
  if (options.dashboard) app.use('/dashboard', options.dashboard);
  if (options.teams) {
    const { authConfig, handler } = options.teams;
    app.post('/api/messages', authorizeJWT(authConfig), express.json({ limit: '1mb' }), requireActivity, (req, res, next) => {
      handler(req, res).catch(next);
    });
  }
  app.use((_req, res) => {
    res.status(404).json({ ok: false, error: 'not found' });
  });
  const onError: ErrorRequestHandler = (err, _req, res, _next) => {
    const status = typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status >= 500) options.logger.error({ err }, 'HTTP request failed');
    res.status(status).json({ ok: false, error: status === 400 ? 'malformed request body' : 'request failed' });
  };
  app.use(onError);
  return app;
}

/** Listens on `port` (0: any free port) and resolves with the server once it listens. */
export function listen(app: Express, port: number, host?: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host ?? '0.0.0.0', () => resolve(server));
    server.once('error', reject);
  });
}
