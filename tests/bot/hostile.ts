/**
 * Seeded hostile request bodies for the two chat doors: real-shaped Telegram updates and Teams
 * activities, then mutated — fields deleted, values swapped for the wrong type, huge, binary or
 * prototype-named, forged keyboards, object callback data, hostile service URLs — plus raw
 * bodies (binary, truncated JSON, deep nesting, oversized, wrong content type or charset).
 * The same seed gives the same bodies, so a failure can be replayed.
 */

import { mulberry32 } from '../../data/random.ts';

/** A small, fast, seedable PRNG (data/random.ts: the one the classifier trains with). */
export const rng = mulberry32;

export interface HostileBody {
  /** What was done to it, for a failure message (no replay needed beyond the seed and index). */
  label: string;
  body: Buffer;
  contentType: string;
  headers?: Record<string, string>;
}

/** Personal data the bodies carry in texts: no log line may contain any of it. */
export const PII = ['13812345678', '+86 139 1234 5678', 'li.lei@example.com', 'wang_fang@example.cn'];

const TEXTS = [
  '太贵了', '老婆不同意，要再想想', 'let me compare other quotes', '/kb constructor', '/kb __proto__', 'constructor', '__proto__', 'toString', '/kb', '/margin 200 40%',
  '/margin __proto__ 1', '/start g-1001', '/start gconstructor', '/lang zh', '/help', '/stats', '/export csv', '/audit', '/dashboard', 'back', '返回', '1', '99',
  `客户说电话 ${PII[0]}，邮件 ${PII[2]}`, `call me on ${PII[1]} or ${PII[3]}`, '', ' ', '\u0000\u0001', '\ud800', 'a'.repeat(5000), `${'x'.repeat(3000)}@${'y'.repeat(3000)}`,
  '<b>bold</b> & <script>', '@objection_bot 太贵了', '<at>Objection Coach</at> 太贵了', '\u202eevil', '😀'.repeat(300),
];
const ACTIONS = ['go', 'fix', 'as:none', 'as:constructor', 'kb:__proto__', 'kb:constructor', 'c:__proto__', 'out:won', 'sw:yes', 'noop', 'why', 'tip', 'x'.repeat(300), ''];

function pick<T>(r: () => number, items: readonly T[]): T {
  return items[Math.floor(r() * items.length)]!;
}

/** A value of the wrong kind (or of a right kind with a hostile content). */
function hostileValue(r: () => number): unknown {
  const values: (() => unknown)[] = [
    () => null, () => true, () => 0, () => -1, () => 1.5, () => 2 ** 60, () => 1e308, () => '', () => 'constructor', () => '__proto__',
    () => 'x'.repeat(1 + Math.floor(r() * 20_000)), () => '\u0000\ud800\uffff', () => [], () => [1, [2, [3]]], () => ({}), () => ({ toString: 1, valueOf: 'x' }),
    () => pick(r, TEXTS), () => ({ inline_keyboard: 'forged' }), () => ({ inline_keyboard: [[{ text: 5, callback_data: { a: 1 } }]] }), () => ({ action: { nested: true } }),
  ];
  return pick(r, values)();
}

/** Every path (list of keys) to a value inside `root`. */
function paths(root: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (root && typeof root === 'object') {
    for (const [key, value] of Object.entries(root)) {
      const path = [...prefix, Array.isArray(root) && /^\d+$/.test(key) ? Number(key) : key];
      out.push(path);
      paths(value, path, out);
    }
  }
  return out;
}

/** Applies 1–3 random mutations to a deep copy of `template`. */
function mutate(r: () => number, template: Record<string, unknown>): { value: unknown; label: string } {
  const value = structuredClone(template);
  const done: string[] = [];
  const times = 1 + Math.floor(r() * 3);
  for (let i = 0; i < times; i++) {
    const all = paths(value);
    if (!all.length) break;
    const path = pick(r, all);
    let parent = value as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
    const last = path[path.length - 1]!;
    const kind = r();
    if (kind < 0.3) {
      delete parent[last];
      done.push(`delete ${path.join('.')}`);
    } else if (kind < 0.9) {
      parent[last] = hostileValue(r);
      done.push(`set ${path.join('.')}`);
    } else {
      parent[pick(r, ['__proto__x', 'constructor', 'toString', 'hasOwnProperty'])] = hostileValue(r);
      done.push(`add key under ${path.slice(0, -1).join('.') || 'root'}`);
    }
  }
  return { value, label: done.join(', ') };
}

/** A raw body that is not a well-formed JSON object (or not JSON at all). */
function rawBody(r: () => number, valid: string): HostileBody {
  const kinds: (() => HostileBody)[] = [
    () => ({ label: 'binary', body: Buffer.from(Array.from({ length: 1 + Math.floor(r() * 2000) }, () => Math.floor(r() * 256))), contentType: 'application/json' }),
    () => ({ label: 'truncated JSON', body: Buffer.from(valid.slice(0, Math.floor(r() * valid.length))), contentType: 'application/json' }),
    () => ({ label: 'JSON scalar', body: Buffer.from(pick(r, ['null', '"text"', '42', 'true', '[]', '[{}]'])), contentType: 'application/json' }),
    () => ({ label: 'deep nesting', body: Buffer.from(`${'['.repeat(20_000)}${']'.repeat(20_000)}`), contentType: 'application/json' }),
    () => ({ label: 'deep object', body: Buffer.from(`${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`), contentType: 'application/json' }),
    () => ({ label: 'oversized', body: Buffer.from(valid.replace(/^\{/, `{"pad":"${'长'.repeat(100_000)}",`)), contentType: 'application/json' }),
    () => ({ label: 'text/plain', body: Buffer.from(valid), contentType: 'text/plain' }),
    () => ({ label: 'bad charset', body: Buffer.from(valid), contentType: 'application/json; charset=klingon' }),
    () => ({ label: 'bad gzip', body: Buffer.from('not gzip at all'), contentType: 'application/json', headers: { 'content-encoding': 'gzip' } }),
    () => ({ label: 'proto keys', body: Buffer.from(valid.replace(/^\{/, '{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}},')), contentType: 'application/json' }),
    () => ({ label: 'duplicate keys', body: Buffer.from(valid.replace(/^\{/, '{"update_id":"dup","type":7,')), contentType: 'application/json' }),
  ];
  return pick(r, kinds)();
}

function telegramTemplate(r: () => number, n: number): Record<string, unknown> {
  const user = 7000 + Math.floor(r() * 50);
  const from = { id: user, is_bot: false, first_name: 'Fuzz', last_name: 'Rep', language_code: pick(r, ['en', 'zh-hans', 'zh']) };
  const chat = r() < 0.8 ? { id: user, type: 'private', first_name: 'Fuzz' } : { id: -100_000 - Math.floor(r() * 5), type: 'supergroup', title: 'Sales' };
  const message = { message_id: n, date: 1_700_000_000, chat, from, text: pick(r, TEXTS) };
  const kind = r();
  if (kind < 0.55) return { update_id: n, message };
  if (kind < 0.85) {
    const keyboard = { inline_keyboard: [[{ text: 'Go', callback_data: 'go' }, { text: 'Fix', callback_data: 'fix' }]] };
    return { update_id: n, callback_query: { id: `cb${n}`, from, chat_instance: '1', data: pick(r, ACTIONS), message: { message_id: n - 1, date: 1_700_000_000, chat, reply_markup: keyboard, text: 'x' } } };
  }
  if (kind < 0.92) return { update_id: n, message: { ...message, text: undefined, photo: [{ file_id: 'f', file_unique_id: 'u', width: 1, height: 1 }] } };
  return { update_id: n, [pick(r, ['edited_message', 'channel_post', 'my_chat_member'])]: message };
}

function teamsTemplate(r: () => number, n: number, serviceUrl: string): Record<string, unknown> {
  const user = `29:fuzz-${Math.floor(r() * 50)}`;
  const type = pick(r, ['personal', 'personal', 'personal', 'channel', 'groupChat']);
  const base = {
    type: 'message', id: `fuzz-${n}`, timestamp: new Date(1_700_000_000_000).toISOString(), channelId: 'msteams', serviceUrl, locale: pick(r, ['en-US', 'zh-CN', 'de-DE']),
    from: { id: user, name: 'Fuzz Rep' }, recipient: { id: '28:bot', name: 'Objection Coach' },
    conversation: { id: `a:${type}-${user}`, conversationType: type, tenantId: 'fuzz-tenant' },
  };
  const kind = r();
  if (kind < 0.6) {
    const text = pick(r, TEXTS);
    const mention = type === 'personal' ? {} : { text: `<at>Objection Coach</at> ${text}`, entities: [{ type: 'mention', text: '<at>Objection Coach</at>', mentioned: { id: '28:bot', name: 'Objection Coach' } }] };
    return { ...base, text, ...mention };
  }
  if (kind < 0.85) return { ...base, value: { action: pick(r, ACTIONS) } };
  if (kind < 0.93) return { ...base, type: 'conversationUpdate', membersAdded: [{ id: '28:bot' }, { id: user }] };
  return { ...base, type: pick(r, ['invoke', 'messageReaction', 'typing', 'event', 'installationUpdate']), name: 'adaptiveCard/action', value: { action: 'go' } };
}

const HOSTILE_SERVICE_URLS = ['https://evil.example.com/', 'http://169.254.169.254/latest/', 'javascript:alert(1)', 'not a url', 'file:///etc/passwd', 'http://127.0.0.1.evil.example/'];

/** `count` hostile Telegram webhook bodies from `seed`. */
export function hostileTelegramBodies(seed: number, count: number): HostileBody[] {
  const r = rng(seed);
  return Array.from({ length: count }, (_, i) => {
    const template = telegramTemplate(r, 10_000 + i);
    if (r() < 0.12) return rawBody(r, JSON.stringify(template));
    const { value, label } = r() < 0.15 ? { value: template, label: 'well-formed' } : mutate(r, template);
    return { label, body: Buffer.from(JSON.stringify(value) ?? 'null'), contentType: 'application/json' };
  });
}

/** `count` hostile Teams activities from `seed`, replies going to `serviceUrl` unless mutated. */
export function hostileTeamsBodies(seed: number, count: number, serviceUrl: string): HostileBody[] {
  const r = rng(seed);
  return Array.from({ length: count }, (_, i) => {
    const template = teamsTemplate(r, 10_000 + i, r() < 0.08 ? pick(r, HOSTILE_SERVICE_URLS) : serviceUrl);
    if (r() < 0.12) return rawBody(r, JSON.stringify(template));
    const { value, label } = r() < 0.15 ? { value: template, label: 'well-formed' } : mutate(r, template);
    return { label, body: Buffer.from(JSON.stringify(value) ?? 'null'), contentType: 'application/json' };
  });
}
