/**
 * Teams with credentials, against signing keys this test controls: the SDK fetches its keys from
 * the configured authority (`authorityEndpoint`, here a local JWKS server standing in for Entra),
 * so a token can be signed validly for this bot's client id by any tenant. Only the configured
 * tenant's (and Microsoft's first-party) issuers may pass; a foreign tenant's token is refused
 * with a plain 401, as is a token whose serviceurl claim names another host than the activity.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, waitListening } from '../../helpers.ts';
import { leaks } from '../fuzz-run.ts';

const CLIENT_ID = '00000000-1111-2222-3333-444444444444';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const FOREIGN = '0e3e2e88-8caf-41ca-b4da-e3b33b6c52ec';
const SECRET = 'client-secret-that-must-never-be-logged';
const KID = 'test-key-1';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const port = 30000 + Math.floor(Math.random() * 20000);
const endpoint = `http://127.0.0.1:${port}/api/messages`;
const serviceUrl = 'https://smba.trafficmanager.net/emea/';
let jwks: Server;
let bot: ReturnType<typeof startServer>;

beforeAll(async () => {
  const key = { ...publicKey.export({ format: 'jwk' }), kid: KID, use: 'sig', alg: 'RS256' };
  jwks = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [key] }));
  });
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  const authority = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}`;
  bot = startServer({ PORT: String(port), DATA_DIR: mkdtempSync(join(tmpdir(), 'coach-issuer-')), clientId: CLIENT_ID, clientSecret: SECRET, tenantId: TENANT, authorityEndpoint: authority });
  await waitListening(bot);
}, 60_000);

afterAll(async () => {
  await bot?.stop();
  await new Promise((resolve) => jwks?.close(resolve));
});

/** A token for this bot signed with the key the JWKS server publishes. */
function token(claims: Record<string, unknown>): string {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${encode({ alg: 'RS256', typ: 'JWT', kid: KID })}.${encode({ aud: CLIENT_ID, iat: now, nbf: now, exp: now + 3600, serviceurl: serviceUrl, ...claims })}`;
  return `${unsigned}.${sign('RSA-SHA256', Buffer.from(unsigned), privateKey).toString('base64url')}`;
}

/** Posts a typing activity (acknowledged, nothing done): only the JWT check decides the status. */
async function post(bearer: string, activityServiceUrl = serviceUrl): Promise<{ status: number; body: string }> {
  const activity = {
    type: 'message',
    id: 'issuer-1',
    channelId: 'msteams',
    serviceUrl: activityServiceUrl,
    deliveryMode: 'expectReplies',
    from: { id: '29:someone', name: 'Someone' },
    recipient: { id: `28:${CLIENT_ID}`, name: 'Objection Coach' },
    conversation: { id: 'a:issuer-test', conversationType: 'personal', tenantId: TENANT },
    text: '/help',
  };
  const response = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` }, body: JSON.stringify(activity) });
  return { status: response.status, body: await response.text() };
}

describe('Teams issuer validation (single-tenant bot)', () => {
  it('lets a token issued by the configured tenant through the JWT check', async () => {
    const refusals = () => bot.output().split('\n').filter((line) => line.includes('Teams request refused')).length;
    const before = refusals();
    // (What follows the check — fetching the bot's own token from Entra — cannot happen here.)
    expect((await post(token({ iss: `https://sts.windows.net/${TENANT}/`, tid: TENANT }))).status).not.toBe(401);
    expect(refusals()).toBe(before);
  }, 30_000);

  it('refuses a token issued by another tenant, with a plain 401', async () => {
    for (const iss of [`https://sts.windows.net/${FOREIGN}/`, `https://login.microsoftonline.com/${FOREIGN}/v2.0`]) {
      const foreign = await post(token({ iss, tid: FOREIGN }));
      expect(foreign.status).toBe(401);
      expect(foreign.body).toBe('Unauthorized');
    }
  }, 30_000);

  it('refuses a token without an issuer, or for another client id', async () => {
    expect((await post(token({ tid: TENANT }))).status).toBe(401);
    expect((await post(token({ iss: `https://sts.windows.net/${TENANT}/`, aud: 'another-app' }))).status).toBe(401);
  }, 30_000);

  it('refuses an activity whose serviceUrl is not the one the token was issued for', async () => {
    const response = await post(token({ iss: `https://sts.windows.net/${TENANT}/`, tid: TENANT }), 'https://evil.example.com/');
    expect(response.status).toBe(400);
  }, 30_000);

  it('logs each refusal without the token or the client secret', () => {
    expect(bot.output()).toMatch(/Teams request refused/);
    expect(leaks(bot.output(), [SECRET, 'eyJ'])).toEqual([]);
  });
});
