/**
 * Dashboard access: short-lived signed login links (sent by the bot to managers), the
 * DASHBOARD_TOKEN fallback, and the signed session cookie (HttpOnly, SameSite=Strict) with its
 * CSRF token. Stateless: any instance with the same DASHBOARD_SECRET accepts the same links.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'coach_dashboard';
const LOGIN_TTL_MS = 15 * 60_000;
const SESSION_TTL_MS = 8 * 3_600_000;

export interface DashboardSession {
  /** Who signed in: `telegram:123`, `msteams:29:…`, or `token`. */
  sub: string;
  exp: number;
  /** Must come back with every state-changing request. */
  csrf: string;
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class DashboardAuth {
  private readonly key: Buffer;

  private readonly token?: string;
  private readonly now: () => number;

  constructor(secret: string | undefined, token?: string, now: () => number = Date.now) {
    this.token = token;
    this.now = now;
    // Without DASHBOARD_SECRET, links and sessions are valid for this process only.
    this.key = secret ? Buffer.from(secret) : randomBytes(32);
  }

  private sign(kind: string, payload: object): string {
    const body = Buffer.from(JSON.stringify({ ...payload, kind })).toString('base64url');
    return `${body}.${createHmac('sha256', this.key).update(body).digest('base64url')}`;
  }

  private open<T>(kind: string, signed: string | undefined): T | null {
    if (!signed) return null;
    const [body, mac] = signed.split('.');
    if (!body || !mac || !equal(mac, createHmac('sha256', this.key).update(body).digest('base64url'))) return null;
    try {
      const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { kind?: string; exp?: number };
      if (payload.kind !== kind || typeof payload.exp !== 'number' || payload.exp < this.now()) return null;
      return payload as T;
    } catch {
      return null;
    }
  }

  /** A login link for `sub`, valid for 15 minutes. */
  loginLink(baseUrl: string, sub: string): string {
    const token = this.sign('login', { sub, exp: this.now() + LOGIN_TTL_MS });
    return `${baseUrl.replace(/\/+$/, '')}/dashboard/login?token=${encodeURIComponent(token)}`;
  }

  /** Who a login token stands for: a signed link's manager, or "token" for DASHBOARD_TOKEN. */
  verifyLogin(token: string | undefined): string | null {
    if (!token) return null;
    if (this.token && equal(token, this.token)) return 'token';
    return this.open<{ sub: string }>('login', token)?.sub ?? null;
  }

  /** A new session for `sub`, as the value of the session cookie. */
  newSession(sub: string): { cookie: string; session: DashboardSession } {
    const session: DashboardSession = { sub, exp: this.now() + SESSION_TTL_MS, csrf: randomBytes(16).toString('base64url') };
    return { cookie: this.sign('session', session), session };
  }

  /** The session a cookie value carries, if it is genuine and not expired. */
  readSession(cookie: string | undefined): DashboardSession | null {
    return this.open<DashboardSession>('session', cookie);
  }

  /** The Set-Cookie header for a session. */
  static setCookie(value: string, secure: boolean): string {
    return `${SESSION_COOKIE}=${value}; Path=/dashboard; HttpOnly; SameSite=Strict; Max-Age=${SESSION_TTL_MS / 1000}${secure ? '; Secure' : ''}`;
  }

  /** Reads one cookie from a Cookie header. */
  static cookie(header: string | undefined, name = SESSION_COOKIE): string | undefined {
    for (const part of (header ?? '').split(';')) {
      const [k, ...v] = part.trim().split('=');
      if (k === name) return v.join('=');
    }
    return undefined;
  }

  static csrfMatches(session: DashboardSession, sent: unknown): boolean {
    return typeof sent === 'string' && equal(sent, session.csrf);
  }
}
