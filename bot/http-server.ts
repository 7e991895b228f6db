/**
 * The project's one HTTP server (express): /healthz, and the channels' endpoints —
 * /telegram/webhook, /api/messages (Teams) and the managers' dashboard (/dashboard).
 */
import { createServer, type Server } from 'node:http';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import { webhookCallback, type Bot } from 'grammy';
import type { Store } from '../store/store.ts';
import type { Logger } from './logger.ts';
import { StartupError } from './startup.ts';

/** Largest request body taken (a Telegram update or a Teams activity is far smaller): else 413. */
export const MAX_BODY = '256kb';

export interface HttpOptions {
  store: Store;
  logger: Logger;
  telegram?: { bot: Bot; secret: string };
  /** The managers' dashboard at /dashboard. */
  dashboard?: express.Router;
  /**
   * The Teams endpoint: its guards (bot/teams/guard.ts `teamsGuards`: the SDK's JWT check before
   * the body is read, the activity checks after), then the adapter's handler. Passed in, so this
   * module never loads the Teams SDK itself (only a process with Teams configured does).
   */
  teams?: { guards: { auth: RequestHandler; checks: RequestHandler[] }; handler: (req: express.Request, res: express.Response) => Promise<void> };
  /** Operators' routes (/readyz, /metrics: bot/health.ts), mounted before all others. */
  ops?: express.Router;
  /** The live classifier's version, shown by /healthz (it changes when the team's corrections are learnt). */
  classifierVersion?: () => string;
}

/** Refuses a body that is not a Telegram update, before grammY sees it. */
function requireUpdate(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const body = req.body as { update_id?: unknown } | undefined;
    if (typeof body !== 'object' || body === null || Array.isArray(body) || !Number.isSafeInteger(body.update_id)) {
      logger.info('Telegram webhook call refused: the body is not an update');
      res.status(400).json({ ok: false, error: 'the body is not a Telegram update' });
      return;
    }
    next();
  };
}

const STATUS_TEXT: Record<number, string> = { 400: 'malformed request body', 413: 'request body too large', 415: 'unsupported content encoding or charset' };

export function createHttpApp(options: HttpOptions): Express {
  const { logger } = options;
  const app = express();
  app.disable('x-powered-by');
  if (options.ops) app.use(options.ops);
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true, store: options.store.kind, ...(options.classifierVersion ? { classifier: options.classifierVersion() } : {}), channels: { telegram: Boolean(options.telegram), teams: Boolean(options.teams) }, dashboard: Boolean(options.dashboard) });
  });
  if (options.telegram) {
    const { bot, secret } = options.telegram;
    app.post(
      '/telegram/webhook',
      // Wrong or missing secret: 401 before the body is even parsed.
      (req, res, next) => {
        if (req.get('x-telegram-bot-api-secret-token') !== secret) {
          logger.warn({ ip: req.ip }, 'Telegram webhook call with a wrong secret');
          res.status(401).json({ ok: false, error: 'wrong secret token' });
          return;
        }
        next();
      },
      express.json({ limit: MAX_BODY }),
      requireUpdate(logger),
      webhookCallback(bot, 'express', { secretToken: secret, onTimeout: 'return', timeoutMilliseconds: 55_000 }),
    );
  }
  if (options.dashboard) app.use('/dashboard', options.dashboard);
  if (options.teams) {
    const { guards, handler } = options.teams;
    app.post('/api/messages', guards.auth, express.json({ limit: MAX_BODY }), ...guards.checks, (req, res, next) => {
      handler(req, res).catch(next);
    });
  }
  app.use((_req, res) => {
    res.status(404).json({ ok: false, error: 'not found' });
  });
  // Bodies that cannot be read are the caller's fault (4xx, logged once, without content);
  // anything else is ours (500, logged with the error's facts only — see logger.ts).
  const onError: ErrorRequestHandler = (err, req, res, _next) => {
    const status = typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
    // A Telegram update left to Telegram's redelivery on purpose (logged by the adapter already).
    const redeliver = (err?.error ?? err)?.name === 'RedeliverError';
    if (status >= 500 && !redeliver) logger.error({ err, path: req.path }, 'HTTP request failed');
    else logger.info({ err, status, path: req.path }, 'HTTP request refused');
    if (res.headersSent) return void res.end();
    res.status(status).json({ ok: false, error: STATUS_TEXT[status] ?? (status >= 500 ? 'request failed' : 'request refused') });
  };
  app.use(onError);
  return app;
}

/**
 * Listens on `port` (0: any free port) and resolves with the server once it listens; a port
 * that is taken or not allowed is a StartupError naming PORT.
 */
export function listen(app: Express, port: number, host = '0.0.0.0'): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(app);
    const onError = (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(new StartupError(`port ${port} is already in use on ${host} (PORT): stop the other process or choose another port`));
      else if (err.code === 'EACCES') reject(new StartupError(`not allowed to listen on port ${port} (PORT): ports below 1024 need privileges`));
      else if (err.code === 'EADDRNOTAVAIL') reject(new StartupError(`cannot listen on ${host}:${port}: the address is not available on this machine`));
      else reject(err);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(server);
    });
  });
}
