/**
 * Dashboard credentials, signed with DASHBOARD_SECRET: sign-in links (sent by the bot to
 * managers; 15 minutes; each with a nonce so it works once), the DASHBOARD_TOKEN fallback, and
 * the session cookie (8 hours; HttpOnly, SameSite=Lax so a link opened from a chat app signs in,
 * Secure over HTTPS) with its id — revocable — and its CSRF token. The crypto is here; what is
 * used or revoked is kept in the database (see signin.ts).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'coach_dashboard';
const LOGIN_TTL_MS = 15 * 60_000;
const SESSION_TTL_MS = 8 * 3_600_000;

export interface DashboardSession {
  /** Who signed in: `telegram:123`, `msteams:29:…`, or `token`. */
  sub: string;
  exp: number;
  /** The session's id, for revoking it. */
  sid: string;
  /** Must come back with every state-changing request. */
  csrf: string;
}

/** What a sign-in credential stands for. A link carries a nonce (single use); the standing token does not. */
export interface SignInGrant {
  sub: string;
  exp: number;
  nonce?: string;
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const randomId = () => randomBytes(16).toString('base64url');

export class DashboardAuth {
  private readonly key: Buffer;
  private readonly token?: string;
  readonly now: () => number;

  constructor(secret: string | undefined, token?: string, now: () => number = Date.now) {
    this.token = token;
    this.now = now;
    // Without DASHBOARD_SECRET, links and sessions are valid for this process only.
    this.key = secret ? Buffer.from(secret) : randomBytes(32);
  }

  /** Whether a standing DASHBOARD_TOKEN is configured (the sign-in page then offers a form). */
  get hasToken(): boolean {
    return Boolean(this.token);
  }

  private sign(kind: string, payload: object): string {
    const body = Buffer.from(JSON.stringify({ ...payload, kind })).toString('base64url');
    return `${body}.${createHmac('sha256', this.key).update(body).digest('base64url')}`;
  }

  private open<T>(kind: string, signed: string | undefined): T | null {
    if (!signed || signed.length > 4096) return null;
    const [body, mac, extra] = signed.split('.');
    if (!body || !mac || extra !== undefined || !equal(mac, createHmac('sha256', this.key).update(body).digest('base64url'))) return null;
    try {
      const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { kind?: string; exp?: number };
      if (payload.kind !== kind || typeof payload.exp !== 'number' || payload.exp < this.now()) return null;
      return payload as T;
    } catch {
      return null;
    }
  }

  /** A single-use sign-in link for `sub`, valid for 15 minutes. */
  loginLink(baseUrl: string, sub: string): string {
    const token = this.sign('login', { sub, exp: this.now() + LOGIN_TTL_MS, nonce: randomId() });
    return `${baseUrl.replace(/\/+$/, '')}/dashboard/login?token=${encodeURIComponent(token)}`;
  }

  /** A genuine, unexpired link's grant (whether or not it was used), or null. */
  openLink(token: string | undefined): SignInGrant | null {
    const grant = this.open<SignInGrant>('login', token);
    return grant && typeof grant.sub === 'string' && typeof grant.nonce === 'string' ? grant : null;
  }

  /** What a sign-in credential grants: a link's manager, or "token" for DASHBOARD_TOKEN; null if neither. */
  verifyLogin(token: string | undefined): SignInGrant | null {
    if (!token) return null;
    if (this.token && equal(token, this.token)) return { sub: 'token', exp: this.now() + LOGIN_TTL_MS };
    return this.openLink(token);
  }

  /** A new session for `sub`, as the value of the session cookie. */
  newSession(sub: string): { cookie: string; session: DashboardSession } {
    const session: DashboardSession = { sub, exp: this.now() + SESSION_TTL_MS, sid: randomId(), csrf: randomId() };
    return { cookie: this.sign('session', session), session };
  }

  /** The session a cookie value carries, if it is genuine and not expired (revocation is checked by the caller). */
  readSession(cookie: string | undefined): DashboardSession | null {
    const session = this.open<DashboardSession>('session', cookie);
    return session && typeof session.sid === 'string' && typeof session.csrf === 'string' ? session : null;
  }

  /** The Set-Cookie header for a session; an empty value clears the cookie. */
  static setCookie(value: string, secure: boolean): string {
    return `${SESSION_COOKIE}=${value}; Path=/dashboard; HttpOnly; SameSite=Lax; Max-Age=${value ? SESSION_TTL_MS / 1000 : 0}${secure ? '; Secure' : ''}`;
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
