/**
 * The dashboard's protections that are not about who is signed in: security headers on every
 * response (helmet, with the dashboard's own content security policy, plus no caching), and the
 * sign-in rate limits (express-rate-limit) counted in the database so every instance shares them —
 * per client address, and a lock-out of guessed credentials across all addresses.
 */
import type { RequestHandler } from 'express';
import { rateLimit, type ClientRateLimitInfo, type Options, type Store as RateLimitStore } from 'express-rate-limit';
import helmet from 'helmet';
import type { DashboardAuthStore } from '../../store/dashboard-auth.ts';

const headers = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      frameAncestors: ["'none'"],
      formAction: ["'self'"],
    },
  },
  // Same-origin forms keep their Origin header (the CSRF check reads it); nothing leaks elsewhere.
  referrerPolicy: { policy: 'same-origin' },
  xFrameOptions: { action: 'deny' },
});

/** Security headers for every dashboard response, set before anything else answers. */
export const securityHeaders: RequestHandler = (req, res, next) => {
  res.set('cache-control', 'no-store');
  headers(req, res, next);
};

/** express-rate-limit's counters, kept in the dashboard_auth table. */
class SharedCounters implements RateLimitStore {
  readonly localKeys = false;
  readonly prefix: string;
  private readonly state: DashboardAuthStore;
  private readonly now: () => number;
  private windowMs = 15 * 60_000;

  constructor(state: DashboardAuthStore, prefix: string, now: () => number) {
    this.state = state;
    this.prefix = prefix;
    this.now = now;
  }

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const { hits, resetAt } = await this.state.countHit(this.prefix + key, this.windowMs, this.now());
    return { totalHits: hits, resetTime: new Date(resetAt) };
  }

  async decrement(key: string): Promise<void> {
    await this.state.uncountHit(this.prefix + key);
  }

  async resetKey(key: string): Promise<void> {
    await this.state.forgetKey(this.prefix + key);
  }
}

export interface SignInLimits {
  /** Failed sign-ins one client address may make per window before it is locked out (default 10). */
  perClient?: number;
  /** Failed sign-ins with something other than a genuine link, from all addresses together, per window (default 100). */
  guesses?: number;
  /** The window, in ms (default 15 minutes). */
  windowMs?: number;
}

/**
 * The two limiters, in order, for the sign-in routes. Only failed attempts count; once a limit is
 * reached every attempt in the window is refused, right or wrong (a lock-out). The second one
 * skips genuine signed links, so guessing at DASHBOARD_TOKEN cannot lock managers out of their links.
 */
export function signInLimiters(options: {
  state: DashboardAuthStore;
  limits?: SignInLimits;
  now?: () => number;
  isGenuineLink: (req: Parameters<RequestHandler>[0]) => boolean;
  refuse: (req: Parameters<RequestHandler>[0], res: Parameters<RequestHandler>[1], retryAfterSeconds: number) => void;
}): RequestHandler[] {
  const now = options.now ?? Date.now;
  const windowMs = options.limits?.windowMs ?? 15 * 60_000;
  const handler: Options['handler'] = (req, res, _next, used) => {
    const resetTime = (req as { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
    const seconds = Math.max(1, Math.ceil(((resetTime?.getTime() ?? now() + used.windowMs) - now()) / 1000));
    res.set('retry-after', String(seconds));
    options.refuse(req, res, seconds);
  };
  const common = { windowMs, skipSuccessfulRequests: true, standardHeaders: 'draft-7', legacyHeaders: false, handler } as const;
  return [
    rateLimit({ ...common, limit: options.limits?.perClient ?? 10, store: new SharedCounters(options.state, 'signin:client:', now) }),
    rateLimit({
      ...common,
      limit: options.limits?.guesses ?? 100,
      keyGenerator: () => 'all',
      skip: (req) => options.isGenuineLink(req),
      store: new SharedCounters(options.state, 'signin:guesses:', now),
    }),
  ];
}
