/**
 * Teams with the app's credentials configured: every request's JWT is checked by the SDK, and
 * a request with no, malformed or forged authorization is refused with a plain 401
 * ("Unauthorized", no internals such as DNS errors or key ids), processed by no one.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync as Database } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, waitListening } from '../../helpers.ts';
import { leaks } from '../fuzz-run.ts';

const CLIENT_ID = '00000000-1111-2222-3333-444444444444';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT_SECRET = 'not-a-real-secret-but-never-logged';
const port = 30000 + Math.floor(Math.random() * 20000);
const endpoint = `http://127.0.0.1:${port}/api/messages`;
const dataDir = mkdtempSync(join(tmpdir(), 'coach-teams-auth-'));
let bot: ReturnType<typeof startServer>;

beforeAll(async () => {
  bot = startServer({ PORT: String(port), DATA_DIR: dataDir, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, tenantId: TENANT });
  await waitListening(bot);
}, 60_000);

afterAll(async () => {
  await bot?.stop();
});

const activity = {
  type: 'message',
  id: 'auth-1',
  channelId: 'msteams',
  serviceUrl: 'https://smba.trafficmanager.net/emea/',
  from: { id: '29:mallory', name: 'Mallory' },
  recipient: { id: `28:${CLIENT_ID}`, name: 'Objection Coach' },
  conversation: { id: 'a:1on1-mallory', conversationType: 'personal', tenantId: TENANT },
  text: '/export csv',
};

const post = (authorization?: string) =>
  fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, body: JSON.stringify(activity) });

/** A well-formed RS256 token for this bot, signed by a key Microsoft never published. */
function forgedToken(): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${encode({ alg: 'RS256', typ: 'JWT', kid: 'forged-key' })}.${encode({ iss: 'https://api.botframework.com', aud: CLIENT_ID, iat: now, nbf: now, exp: now + 3600, serviceurl: activity.serviceUrl })}`;
  return `${unsigned}.${sign('RSA-SHA256', Buffer.from(unsigned), privateKey).toString('base64url')}`;
}

describe('Teams with credentials', () => {
  it('listens on every interface, not in dev mode', () => {
    expect(bot.output()).toMatch(/"host":"0\.0\.0\.0".*"teams":"on"/);
  });

  /** Refused with a plain 401 that says nothing about why. */
  async function expectUnauthorized(response: Response) {
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toBe('Unauthorized');
  }

  it('refuses a request without Authorization', async () => {
    await expectUnauthorized(await post());
  });

  it('refuses a malformed or garbage authorization', async () => {
    await expectUnauthorized(await post('Basic dXNlcjpwYXNz'));
    await expectUnauthorized(await post('Bearer not-a-jwt'));
  });

  it('refuses a well-formed token not signed by Microsoft (its keys cannot even be fetched here)', async () => {
    await expectUnauthorized(await post(`Bearer ${forgedToken()}`));
  }, 30_000);

  it('processed none of them', () => {
    const db = new Database(join(dataDir, 'objection-coach.db'), { readOnly: true });
    const rows = db.prepare("select count(*) n from audit where channel = 'msteams'").get() as { n: number };
    db.close();
    expect(rows.n).toBe(0);
  });

  it('logged each refusal once, without the token or the client secret', () => {
    expect(bot.output().split('\n').filter((line) => line.includes('Teams request refused'))).toHaveLength(4);
    expect(leaks(bot.output(), [CLIENT_SECRET, 'eyJ', 'dXNlcjpwYXNz'])).toEqual([]);
  });
});
