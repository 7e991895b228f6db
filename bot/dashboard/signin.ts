/**
 * Signing in and out of the dashboard: `/login` with a sign-in link (single use: its nonce is
 * claimed in the database) or the standing DASHBOARD_TOKEN (a form posts it), both behind the
 * sign-in rate limits; `/logout`, which revokes the session in the database so no instance
 * accepts its cookie again; and the middleware that lets only a live session through.
 */
import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import type { DashboardAuthStore } from '../../store/dashboard-auth.ts';
import type { Logger } from '../logger.ts';
import { DashboardAuth, type DashboardSession } from './auth.ts';
import { signInLimiters, type SignInLimits } from './security.ts';

export interface Signed extends Request {
  session?: DashboardSession;
}

/** Why a sign-in page is shown. */
export type SignInReason = 'needed' | 'invalid' | 'used' | 'locked' | 'signedOut';

export interface SignInOptions {
  auth: DashboardAuth;
  state: DashboardAuthStore;
  logger: Logger;
  limits?: SignInLimits;
  /** Answers with the sign-in page (HTML, or JSON under /api/). */
  signInPage: (req: Request, res: Response, status: number, reason: SignInReason, retryAfterSeconds?: number) => void;
  /** Answers 403 for a request that failed the CSRF check. */
  forbidden: (req: Request, res: Response) => void;
  /** Where to go once signed in or out (keeps the language). */
  home: (req: Request) => string;
}

const sessionKey = (sid: string) => `session:${sid}`;
const linkKey = (nonce: string) => `link:${nonce}`;
const str = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** Over HTTPS (directly, or behind a proxy that says so) the cookie is marked Secure. */
const isHttps = (req: Request) => req.secure || req.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';

export function sameOrigin(req: Request): boolean {
  const origin = req.get('origin');
  return !origin || origin === `${req.protocol}://${req.get('host')}` || origin === `https://${req.get('host')}`;
}

export function createSignIn(options: SignInOptions): { routes: Router; requireSession: RequestHandler; guard: RequestHandler } {
  const { auth, state, logger } = options;
  const routes = express.Router();
  const form = express.urlencoded({ extended: false, limit: '4kb' });
  const tokenOf = (req: Request) => str(req.method === 'POST' ? (req.body as { token?: unknown } | undefined)?.token : req.query.token);

  /** The live session a request carries: genuine, unexpired and not revoked. */
  const liveSession = async (req: Request): Promise<DashboardSession | null> => {
    const session = auth.readSession(DashboardAuth.cookie(req.get('cookie')));
    if (!session) return null;
    return (await state.hasKey(sessionKey(session.sid), auth.now())) ? null : session;
  };

  const limiters = signInLimiters({
    state,
    limits: options.limits,
    now: auth.now,
    isGenuineLink: (req) => auth.openLink(tokenOf(req)) !== null,
    refuse: (req, res, seconds) => {
      logger.warn({ ip: req.ip }, 'dashboard sign-in refused: too many failed attempts');
      options.signInPage(req, res, 429, 'locked', seconds);
    },
  });

  const signIn = async (req: Request, res: Response) => {
    const grant = auth.verifyLogin(tokenOf(req));
    if (!grant) {
      logger.warn({ ip: req.ip }, 'dashboard sign-in with an invalid or expired link or token');
      return options.signInPage(req, res, 401, 'invalid');
    }
    if (grant.nonce && !(await state.claimKey(linkKey(grant.nonce), grant.exp))) {
      // Used before: fine if this browser is the one it signed in; otherwise it is refused.
      if ((await liveSession(req))?.sub === grant.sub) return res.redirect(303, options.home(req));
      logger.warn({ ip: req.ip, sub: grant.sub }, 'dashboard sign-in link used a second time');
      return options.signInPage(req, res, 401, 'used');
    }
    // Each sign-in also forgets what has expired (used links, revoked sessions, old counters).
    await state.prune(auth.now());
    const { cookie } = auth.newSession(grant.sub);
    res.set('set-cookie', DashboardAuth.setCookie(cookie, isHttps(req)));
    logger.info({ sub: grant.sub }, 'dashboard sign-in');
    res.redirect(303, options.home(req));
  };

  // A HEAD (a link checker, a preview) neither signs in nor uses up the link.
  routes.head('/login', (_req, res) => void res.status(200).end());
  routes.get('/login', ...limiters, signIn);
  routes.post('/login', form, (req, res, next) => (sameOrigin(req) ? next() : options.forbidden(req, res)), ...limiters, signIn);

  const requireSession: RequestHandler = async (req: Signed, res, next) => {
    const session = await liveSession(req);
    if (!session) return options.signInPage(req, res, 401, req.query.bye === '1' ? 'signedOut' : 'needed');
    req.session = session;
    next();
  };

  /** State-changing requests: the session's CSRF token, and no foreign Origin. */
  const guard: RequestHandler = (req: Signed, res: Response, next: NextFunction) => {
    if (!sameOrigin(req) || !DashboardAuth.csrfMatches(req.session!, (req.body as { csrf?: unknown } | undefined)?.csrf)) {
      logger.warn({ sub: req.session?.sub, origin: req.get('origin') }, 'dashboard request refused: CSRF check failed');
      return options.forbidden(req, res);
    }
    next();
  };

  routes.post('/logout', form, requireSession, guard, async (req: Signed, res) => {
    const session = req.session!;
    await state.claimKey(sessionKey(session.sid), session.exp);
    logger.info({ sub: session.sub }, 'dashboard sign-out');
    res.set('set-cookie', DashboardAuth.setCookie('', isHttps(req)));
    res.redirect(303, `${options.home(req)}&bye=1`);
  });

  return { routes, requireSession, guard };
}
