import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loadPlaybook } from '../../../data/playbook.ts';
import { createEngine } from '../../../dialogs/engine.ts';
import { CoachService, type Inbound } from '../../../bot/service/coach-service.ts';
import { ConcurrencyError, Store } from '../../../store/store.ts';
import { BACKENDS, withStore, type Backend } from '../../store/backends.ts';
import { loadClassifier } from '../../../intents/model-cache.ts';
import { capturingLogger } from '../../helpers.ts';

const playbook = loadPlaybook();
const engine = createEngine(playbook, loadClassifier(playbook));


const rep = { channel: 'telegram', chatId: '500', chatType: 'private', userId: '7', userName: 'Chen' };
const say = (text: string, who: Partial<Inbound> = {}): Inbound => ({ ...rep, ...who, input: { type: 'text', text } });

describe.each(BACKENDS)('conversation service on $name', ({ name, make, skip }) => {
  let backend: Backend;
  let store: Store;
  const captured = capturingLogger();
  let service: CoachService;
  withStore({ make, skip }, async (opened, other) => {
    store = opened;
    backend = other;
    service = new CoachService({ engine, store, logger: captured.logger, managerIds: new Set(['telegram:1']), redaction: true });
  });

  it.skipIf(skip)('records the message, the classification and the reply, and keeps the session', async () => {
    const { replies } = await service.handle(say('let me compare other quotes'));
    expect(replies[0]!.text).toMatch(/Timing/);
    const rows = await store.audit.since(0, { userId: '7' });
    expect(rows.map((r) => r.kind)).toEqual(['message', 'classified', 'reply']);
    expect(rows[1]).toMatchObject({ label: 'timing', chat_type: 'private', user_name: 'Chen' });
    const session = await store.sessions.load({ channel: 'telegram', chatId: '500', userId: '7' });
    expect(session?.state).toMatchObject({ mode: 'classified', label: 'timing' });
    await service.handle({ ...rep, input: { type: 'action', action: 'go' } }); // the first walk asks what the rep sells
    await service.handle({ ...rep, input: { type: 'action', action: 'ind:generic' } });
    await service.handle({ ...rep, input: { type: 'action', action: 'noprod' } });
    const kinds = (await store.audit.since(0, { userId: '7' })).map((r) => r.kind);
    // The walk opens the customer's deal (a 'deal' row; its name is offered above the first step).
    expect(kinds.slice(3)).toEqual(['button', 'reply', 'button', 'reply', 'button', 'deal', 'walk_started', 'step', 'reply', 'reply']);
  });

  it.skipIf(skip)('never lets a phone number, e-mail or ID card reach the database or the logs', async () => {
    const who = { chatId: '501', userId: '8' };
    const secrets = ['13812345678', 'wang.boss@example.com', '11010519491231002X'];
    await service.handle(say(`客户王总 13812345678，邮箱 wang.boss@example.com，身份证 11010519491231002X，说太贵了`, who));
    await service.handle({ ...rep, ...who, input: { type: 'action', action: 'go' } });
    const rows = await store.audit.since(0, { userId: '8' });
    const session = await store.sessions.load({ channel: 'telegram', chatId: '501', userId: '8' });
    const everything = JSON.stringify(rows) + JSON.stringify(session) + captured.lines.join('');
    for (const secret of secrets) expect(everything).not.toContain(secret);
    expect(rows[0]!.text).toBe('客户王总 [phone]，邮箱 [email]，身份证 [id-card]，说太贵了');
    expect(captured.lines.join('')).toContain('[phone]');
  });

  it.skipIf(skip)('answers a manager\'s /stats, /audit and /export, and refuses anyone else — on the record', async () => {
    const manager = { userId: '1', userName: 'Boss', chatId: '1' };
    const { replies: stats } = await service.handle(say('/stats 7', manager));
    expect(stats[0]!.text).toMatch(/Last 7 days[\s\S]*timing/);
    const { replies: audit } = await service.handle(say('/audit Chen 2', manager));
    expect(audit[0]!.text).toMatch(/Chen · telegram/);
    const { replies: exported } = await service.handle(say('/export csv', manager));
    expect(exported[0]!.attachment?.filename).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(exported[0]!.attachment?.content.split('\r\n')[0]).toBe('id,at,channel,chat_id,chat_type,user_id,user_name,kind,text,label,confidence,detail,shown,data,classifier_version,practice');
    expect(exported[0]!.attachment?.content).toContain(',message,客户王总 [phone]，邮箱 [email]，身份证 [id-card]，说太贵了,');
    const { replies: jsonl } = await service.handle(say('/export jsonl 1', manager));
    const lines = jsonl[0]!.attachment!.content.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.some((l) => l.kind === 'classified' && l.label === 'timing')).toBe(true);

    const { replies: refused } = await service.handle(say('/stats', { userId: '9', chatId: '9' }));
    expect(refused[0]!.text).toBe('Sorry, that command is for managers only.');
    const rows = await store.audit.since(0, { userId: '9' });
    expect(rows.map((r) => r.kind)).toEqual(['message', 'refused', 'reply']);
  });

  // Two instances are two processes in production. In one test process, two synchronous SQLite
  // connections would block each other's transactions, so SQLite runs both on one connection.
  it.skipIf(skip)('two instances on the same chat at once: every message is handled, no update lost', async () => {
    const otherStore = name === 'postgres' ? await backend.reopen() : store;
    try {
      const other = new CoachService({ engine, store: otherStore, logger: captured.logger, managerIds: new Set(), redaction: true, maxAttempts: 20 });
      const first = new CoachService({ engine, store, logger: captured.logger, managerIds: new Set(), redaction: true, maxAttempts: 20 });
      const who = { chatId: 'busy', userId: 'busy' };
      const texts = ['太贵了', 'next time', '老板见不到', 'send me the contract', '再考虑一下', 'too expensive', 'scam?', '合同发我'];
      await Promise.all(texts.map((text, i) => (i % 2 ? other : first).handle(say(text, who))));
      const session = await store.sessions.load({ channel: 'telegram', chatId: 'busy', userId: 'busy' });
      expect(session?.version).toBe(texts.length);
      const rows = await store.audit.since(0, { userId: 'busy' });
      expect(rows.filter((r) => r.kind === 'message').map((r) => r.text).sort()).toEqual([...texts].sort());
      expect(rows.filter((r) => r.kind === 'classified')).toHaveLength(texts.length);
    } finally {
      if (otherStore !== store) await otherStore.close();
    }
  });

  it.skipIf(skip)('an instance whose remembered session is stale re-reads it instead of answering from the past', async () => {
    const otherStore = name === 'postgres' ? await backend.reopen() : store;
    try {
      const a = new CoachService({ engine, store, logger: captured.logger, managerIds: new Set(), redaction: true });
      const b = new CoachService({ engine, store: otherStore, logger: captured.logger, managerIds: new Set(), redaction: true });
      const who = { chatId: 'hop', userId: 'hop' };
      await a.handle(say('let me compare other quotes', who)); // a remembers: classified
      await b.handle({ ...rep, ...who, input: { type: 'action', action: 'go' } }); // b moves it on: what do you sell?
      await b.handle({ ...rep, ...who, input: { type: 'action', action: 'ind:generic' } });
      await b.handle({ ...rep, ...who, input: { type: 'action', action: 'noprod' } }); // step 1
      const { replies } = await a.handle({ ...rep, ...who, input: { type: 'action', action: 'next' } });
      expect(replies[0]!.text).toMatch(/Step 2/);
      expect((await store.sessions.load({ channel: 'telegram', ...who }))?.version).toBe(5);
    } finally {
      if (otherStore !== store) await otherStore.close();
    }
  });

  it.skipIf(skip)('fails loudly when the session keeps changing underneath', async () => {
    const stuck = Object.create(store) as Store;
    stuck.commitTurn = async () => ({ status: 'conflict' });
    const loser = new CoachService({ engine, store: stuck, logger: captured.logger, managerIds: new Set(), redaction: true, maxAttempts: 3 });
    await expect(loser.handle(say('hello', { chatId: 'x', userId: 'x' }))).rejects.toBeInstanceOf(ConcurrencyError);
    expect(captured.lines.some((l) => l.includes('session write failed'))).toBe(true);
    // The message itself was still recorded, as a failed turn.
    expect((await store.audit.since(0, { userId: 'x' })).map((r) => r.text)).toEqual(['hello']);
    expect((await store.audit.since(0, { userId: 'x' })).map((r) => [r.kind, r.detail])).toEqual([['failed', 'ConcurrencyError']]);
  });
  it.skipIf(skip)('answers a delivery once: a duplicate of a delivered answer gets nothing, and writes nothing', async () => {
    const who = { chatId: 'dup', userId: 'dup' };
    const delivery = { source: 'telegram', updateId: '9001' };
    const first = await service.handle({ ...say('too expensive', who), delivery });
    expect(first.replies[0]!.text).toMatch(/Deal size/);
    const sent: string[] = [];
    await service.deliver({ ...rep, ...who }, first, async (reply) => void sent.push(reply.text));
    expect(sent).toEqual([first.replies[0]!.text]);
    const again = await service.handle({ ...say('too expensive', who), delivery });
    expect(again).toMatchObject({ replies: [], duplicate: true });
    expect((await store.audit.since(0, { userId: 'dup' })).map((r) => r.kind)).toEqual(['message', 'classified', 'reply']);
    expect((await store.sessions.load({ channel: 'telegram', ...who }))?.version).toBe(1);
  });

  it.skipIf(skip)('a turn committed but killed before its replies went out: the redelivery (on another instance) answers it, without running it again', async () => {
    const who = { chatId: 'crash', userId: 'crash' };
    const delivery = { source: 'telegram', updateId: '9002' };
    const first = await service.handle({ ...say('let me compare other quotes', who), delivery }); // committed; then "the process dies"
    const restarted = new CoachService({ engine, store, logger: captured.logger, managerIds: new Set(), redaction: true });
    const again = await restarted.handle({ ...say('let me compare other quotes', who), delivery });
    expect(again).toMatchObject({ duplicate: true, replies: first.replies, lang: 'en' });
    const sent: string[] = [];
    await restarted.deliver({ ...rep, ...who }, again, async (reply) => void sent.push(reply.text));
    expect(sent).toEqual([first.replies[0]!.text]);
    // Sent now: a third delivery gets nothing, and the turn ran once.
    expect((await restarted.handle({ ...say('let me compare other quotes', who), delivery })).replies).toEqual([]);
    expect((await store.audit.since(0, { userId: 'crash' })).filter((r) => r.kind === 'message')).toHaveLength(1);
    // A manager command is a delivery like any other.
    const command = { ...say('/stats', who), delivery: { source: 'telegram', updateId: '9004' } };
    const stats = await service.handle(command);
    expect(stats.replies).toHaveLength(1);
    await service.deliver({ ...rep, ...who }, stats, async () => {});
    expect((await restarted.handle(command)).replies).toEqual([]);
  });

  it.skipIf(skip)('replies are counted one by one: killed after the first of two, the redelivery sends the second only', async () => {
    const who = { chatId: 'half', userId: 'half' };
    const delivery = { source: 'telegram', updateId: '9005' };
    const answer = { replies: [{ kind: 'message' as const, text: 'one' }, { kind: 'message' as const, text: 'two' }], lang: 'en' as const };
    // A turn with two replies, committed with its delivery (as commitRecord does for any answer).
    await store.commitTurn({ now: 1, delivery, plan: () => ({ rows: [], outbox: answer.replies.map((reply) => ({ reply, lang: 'en' })) }) });
    const crashing = { ...answer, outbox: { delivery, offset: 0 } };
    await expect(service.deliver({ ...rep, ...who }, crashing, async (reply) => { if (reply.text === 'two') throw Object.assign(new Error('socket hang up'), { name: 'HttpError' }); })).rejects.toThrow('socket hang up');
    const again = await service.handle({ ...say('whatever', who), delivery });
    expect(again.replies.map((r) => r.text)).toEqual(['two']);
    expect(again.outbox).toEqual({ delivery, offset: 1 });
    // The chat refuses our messages for good (blocked): counted as done, not tried on every redelivery.
    await expect(service.deliver({ ...rep, ...who }, again, async () => { throw Object.assign(new Error('Forbidden: bot was blocked by the user'), { name: 'GrammyError', error_code: 403 }); })).rejects.toThrow('blocked');
    expect((await service.handle({ ...say('whatever', who), delivery })).replies).toEqual([]);
    expect((await store.audit.since(0, { userId: 'half' })).map((r) => r.kind)).toEqual(['reply_failed', 'reply_failed']);
  });

  it.skipIf(skip)('a turn that failed is processed when the channel delivers it again', async () => {
    let failures = 1;
    const flaky = { ...engine, handle: (state: unknown, input: Inbound['input']) => (failures-- > 0 ? (() => { throw new Error('engine hiccup'); })() : engine.handle(state, input)) };
    const shaky = new CoachService({ engine: flaky, store, logger: captured.logger, managerIds: new Set(), redaction: true });
    const who = { chatId: 'retry', userId: 'retry' };
    const delivery = { source: 'msteams', updateId: 'conv|1' };
    await expect(shaky.handle({ ...say('太贵了', who), delivery })).rejects.toThrow('engine hiccup');
    const { replies, lang } = await shaky.handle({ ...say('太贵了', who), delivery });
    expect(replies[0]!.text).toMatch(/金额/);
    expect(lang).toBe('zh');
    expect((await store.audit.since(0, { userId: 'retry' })).map((r) => r.kind)).toEqual(['failed', 'message', 'classified', 'reply']);
  });

  it.skipIf(skip)('a burst of 20 messages to one chat from two instances: all 20 answered, in one session history', async () => {
    const otherStore = name === 'postgres' ? await backend.reopen() : store;
    try {
      const instances = [otherStore, store].map((s) => new CoachService({ engine, store: s, logger: captured.logger, managerIds: new Set(), redaction: true }));
      const who = { chatId: 'burst', userId: 'burst' };
      const quotes = ['太贵了', 'next time', '老板见不到', 'too expensive', '再考虑一下', 'let me compare other quotes', '等等再说', 'we have no budget', '我要问问老婆', 'is this a scam?'];
      const texts = Array.from({ length: 20 }, (_, i) => `${quotes[i % quotes.length]} #${i}`);
      const answers = await Promise.all(texts.map((text, i) => instances[i % 2]!.handle({ ...say(text, who), delivery: { source: 'telegram', updateId: `burst-${i}` } })));
      expect(answers.filter((a) => a.replies.length > 0)).toHaveLength(20);
      expect((await store.sessions.load({ channel: 'telegram', ...who }))?.version).toBe(20);
      const rows = await store.audit.since(0, { userId: 'burst' });
      expect(rows.filter((r) => r.kind === 'message').map((r) => r.text).sort()).toEqual([...texts].sort());
      expect(rows.filter((r) => r.kind === 'failed')).toEqual([]);
    } finally {
      if (otherStore !== store) await otherStore.close();
    }
  });

  it.skipIf(skip)('records a reply the channel could not deliver: the error, not the content', async () => {
    const who = { ...rep, chatId: 'gone', userId: 'gone' };
    const error = Object.assign(new Error('Call to sendMessage failed: Bad Request: chat not found (13812345678)'), { name: 'GrammyError', error_code: 400, description: 'Bad Request: chat not found' });
    await service.replyFailed(who, { delivery: { source: 'telegram', updateId: '9003' }, error });
    const [row] = await store.audit.since(0, { userId: 'gone' });
    expect(row).toMatchObject({ kind: 'reply_failed', detail: 'GrammyError: 400: Bad Request: chat not found', text: null });
    expect(JSON.stringify(row)).not.toContain('13812345678');
  });
});

describe('database trips of one turn', () => {
  it('one transaction per turn, the delivery claimed inside it; one session read when not cached, none when cached', async () => {
    const statements: string[] = [];
    const store = await Store.openSqlite(':memory:', { onQuery: (sql) => statements.push(sql.trim().split(/\s+/).slice(0, 3).join(' ').toLowerCase()) });
    const service = new CoachService({ engine, store, logger: pino({ level: 'silent' }), managerIds: new Set(), redaction: true });
    const turn = async (text: string, updateId: string) => {
      statements.length = 0;
      await service.handle({ ...say(text, { chatId: 'trips', userId: 'trips' }), delivery: { source: 'telegram', updateId } });
      return [...statements];
    };
    const count = (list: string[], prefix: string) => list.filter((s) => s.startsWith(prefix)).length;
    try {
      for (const [trips, cached] of [[await turn('too expensive', '1'), false], [await turn('next time', '2'), true]] as const) {
        expect(trips[0]).toBe('begin');
        expect(trips.at(-1)).toBe('commit');
        expect(count(trips, 'begin')).toBe(1);
        expect(count(trips, 'insert into "processed_updates"')).toBe(1);
        expect(count(trips, 'select "state", "version"')).toBe(cached ? 0 : 1);
      }
      // A duplicate: one transaction, rolled back; then one read of its unsent replies (the outbox).
      const duplicate = await turn('next time', '2');
      expect([duplicate[0], duplicate.at(-2), count(duplicate, 'begin'), duplicate.at(-1)]).toEqual(['begin', 'rollback', 1, 'select "replies", "sent"']);
    } finally {
      await store.close();
    }
  });
});
