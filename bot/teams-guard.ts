/**
 * The Teams door, in front of the Agents SDK's CloudAdapter:
 *
 * - `teamsAuth`: the SDK's JWT check (authorizeJWT) with issuer validation switched on — the
 *   SDK's `validateIssuer` setting, off by default "for backward compatibility", which checks a
 *   token's `iss` against the configured tenant's issuers (plus Microsoft's own first-party
 *   ones, e.g. api.botframework.com). A refusal is answered with a plain 401 "Unauthorized"
 *   (the SDK's own body would carry its reason: DNS errors, key ids…), logged once.
 * - `requireActivity`: a body the SDK's Activity schema rejects, or one naming a serviceUrl that
 *   is not an http(s) URL, gets a 400 here instead of a 500 from inside the adapter.
 * - `loopbackOnly`: without credentials (TEAMS_DEV=1) anyone on the machine may post, so replies
 *   go only to a serviceUrl on the loopback interface; any other is refused with a 400.
 */
import { Activity } from '@microsoft/agents-activity';
import { authorizeJWT, type AuthConfiguration } from '@microsoft/agents-hosting';
import type { RequestHandler } from 'express';
import type { Logger } from './logger.ts';

/** `authConfig` with the SDK's issuer validation on, for every connection. */
export function withIssuerValidation(authConfig: AuthConfiguration): AuthConfiguration {
  const connections = new Map([...(authConfig.connections ?? new Map<string, AuthConfiguration>())].map(([name, settings]) => [name, { ...settings, validateIssuer: true }]));
  return { ...authConfig, validateIssuer: true, connections };
}

/** The SDK's JWT check with issuer validation; refusals answered "Unauthorized" in plain text. */
export function teamsAuth(authConfig: AuthConfiguration, logger: Logger): RequestHandler {
  const check = authorizeJWT(withIssuerValidation(authConfig));
  return (req, res, next) => {
    const send = res.send.bind(res);
    res.send = ((body: unknown) => {
      res.send = send;
      if (res.statusCode !== 401 && res.statusCode !== 405) return send(body);
      const reason = (body as Record<string, unknown> | null)?.['jwt-auth-error'];
      logger.warn({ status: res.statusCode, reason: typeof reason === 'string' ? reason.slice(0, 200) : undefined, ip: req.ip }, 'Teams request refused');
      if (res.statusCode === 401) res.setHeader('www-authenticate', 'Bearer');
      return res.type('text/plain').send(res.statusCode === 401 ? 'Unauthorized' : 'Method Not Allowed');
    }) as typeof res.send;
    check(req as never, res, (err?: unknown) => {
      res.send = send;
      next(err);
    }).catch(next);
  };
}

function isHttpUrl(text: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

/** Whether `url` points at this machine (localhost, 127.0.0.0/8, ::1). */
export function isLoopbackUrl(url: string): boolean {
  try {
    const { hostname, protocol } = new URL(url);
    if (protocol !== 'http:' && protocol !== 'https:') return false;
    return hostname === 'localhost' || hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(hostname);
  } catch {
    return false;
  }
}

/** Refuses (400) a body that is not an Activity the SDK can take, saying where, never what. */
export function requireActivity(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const refuse = (problem: string) => {
      logger.info({ problem }, 'Teams request refused: not an Activity');
      res.status(400).json({ ok: false, error: 'the body is not an Activity' });
    };
    const body = req.body as { type?: unknown; conversation?: { id?: unknown }; serviceUrl?: unknown } | undefined;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return refuse('not a JSON object');
    if (typeof body.type !== 'string' || !body.type) return refuse('type');
    if (typeof body.conversation?.id !== 'string' || !body.conversation.id) return refuse('conversation.id');
    if (body.serviceUrl !== undefined && (typeof body.serviceUrl !== 'string' || !isHttpUrl(body.serviceUrl))) return refuse('serviceUrl');
    try {
      Activity.fromObject(body);
    } catch (err) {
      const issue = (err as { issues?: { path?: unknown[]; code?: string }[] }).issues?.[0];
      return refuse(issue ? `${(issue.path ?? []).join('.') || 'activity'}: ${issue.code}` : 'schema');
    }
    next();
  };
}

/** Dev mode (no credentials): only activities whose replies go back to this machine. */
export function loopbackOnly(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const serviceUrl = (req.body as { serviceUrl?: unknown }).serviceUrl;
    if (typeof serviceUrl === 'string' && !isLoopbackUrl(serviceUrl)) {
      logger.warn('Teams dev mode: refused an activity whose serviceUrl is not on the loopback interface');
      res.status(400).json({ ok: false, error: 'in development mode, serviceUrl must be a loopback address' });
      return;
    }
    next();
  };
}
