/**
 * The Teams door, in front of the Agents SDK's CloudAdapter:
 *
 * - `teamsAuth`: the SDK's JWT check (authorizeJWT) with issuer validation switched on — the
 *   SDK's `validateIssuer` setting, off by default "for backward compatibility", which checks a
 *   token's `iss` against the configured tenant's issuers (plus Microsoft's own first-party
 *   ones, e.g. api.botframework.com). A refusal is answered with a plain 401 "Unauthorized"
 *   (the SDK's own body would carry its reason: DNS errors, key ids…), logged once.
 * - `requireActivity`: a body the SDK's Activity schema rejects, one the adapter could not reply
 *   to, or one naming a serviceUrl that is not an http(s) URL, gets a 400 here instead of a 500
 *   (or a failed turn) inside the adapter; kinds the bot does not handle get a 200.
 * - `loopbackOnly`: without credentials (TEAMS_DEV=1) anyone on the machine may post, so replies
 *   go only to a serviceUrl on the loopback interface; any other is refused with a 400.
 */
import { Activity } from '@microsoft/agents-activity';
import { authorizeJWT, type AuthConfiguration } from '@microsoft/agents-hosting';
import type { RequestHandler } from 'express';
import type { Logger } from '../logger.ts';

/**
 * The guards of /api/messages: the JWT check (before the body is read), then the activity checks
 * — and, without credentials (no clientId: TEAMS_DEV=1), replies to loopback service URLs only.
 */
export function teamsGuards(authConfig: AuthConfiguration, logger: Logger): { auth: RequestHandler; checks: RequestHandler[] } {
  return { auth: teamsAuth(authConfig, logger), checks: [requireActivity(logger), ...(authConfig.clientId ? [] : [loopbackOnly(logger)])] };
}

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

// Control characters, and lone surrogates (encodeURIComponent throws on them).
const ID_REFUSED = /[\u0000-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** An id the adapter can put in a URL and a log line: a short, well-formed string without controls. */
function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 512 && !ID_REFUSED.test(value);
}

/** The activity types the adapter acts on. */
const HANDLED_TYPES = new Set(['message', 'conversationUpdate']);

/**
 * Refuses (400) a body that is not an Activity the SDK can take and reply to (sender, recipient,
 * conversation, channel, and a serviceUrl unless the replies come back in the response), saying
 * where, never what. Activity kinds the bot does not handle get a 200 and nothing is done.
 */
export function requireActivity(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const refuse = (problem: string) => {
      logger.info({ problem }, 'Teams request refused: not an Activity');
      res.status(400).json({ ok: false, error: 'the body is not an Activity' });
    };
    const body = req.body as Record<string, unknown> | undefined;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return refuse('not a JSON object');
    if (typeof body.type !== 'string' || !body.type) return refuse('type');
    // Kinds the bot does not handle (invoke, typing, reactions…): acknowledged, nothing done.
    if (!HANDLED_TYPES.has(body.type)) {
      logger.debug('Teams activity of a kind the bot does not handle: acknowledged, nothing done');
      return void res.status(200).end();
    }
    for (const field of ['conversation', 'from', 'recipient'] as const) {
      if (!isId((body[field] as { id?: unknown } | undefined)?.id)) return refuse(`${field}.id`);
    }
    if (body.id !== undefined && !isId(body.id)) return refuse('id');
    if (typeof body.channelId !== 'string' || !body.channelId) return refuse('channelId');
    const expectReplies = body.deliveryMode === 'expectReplies';
    if ((body.serviceUrl !== undefined || !expectReplies) && (typeof body.serviceUrl !== 'string' || !isHttpUrl(body.serviceUrl))) return refuse('serviceUrl');
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
