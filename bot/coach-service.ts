/**
 * The conversation service every channel shares: one inbound message or button press in, the
 * replies out — with everything around the pure engine done once, here:
 *
 * 1. redact personal data from what the rep sent (before it reaches the engine, store or logs);
 * 2. append the inbound row to the audit log first, so nothing a rep sent is lost;
 * 3. load the session, run the engine, save with optimistic concurrency (retry on conflict,
 *    fail loudly after a few tries);
 * 4. append the engine's events and the replies to the audit log;
 * 5. answer managers' /stats, /audit, /export (and refuse, and log, anyone else).
 */
import type { Lang } from '../data/playbook.ts';
import { randomBytes } from 'node:crypto';
import type { CoachEvent, CoachInput, Engine, Reply, TurnResult } from '../dialogs/engine.ts';
import { redact } from '../store/redact.ts';
import { ConcurrencyError, type AuditEntry, type DialogChange, type DialogStart, type Party, type Store } from '../store/store.ts';
import { CHANNEL_MESSAGES } from './channel-messages.ts';
import type { Logger } from './logger.ts';
import { MANAGER_COMMANDS, refusal, runManagerCommand, type Attachment, type ManagerCommand } from './manager-tools.ts';

/** One thing a user did, with who and where. */
export interface Inbound extends Party {
  input: CoachInput;
}

/** A reply, possibly with a file for the channel to deliver. */
export type OutboundReply = Reply & {
  attachment?: Attachment;
};

export interface CoachServiceOptions {
  engine: Engine;
  store: Store;
  logger: Logger;
  /** `channel:userId` of managers. */
  managerIds: Set<string>;
  /** Channels whose every user counts as a manager (the local console). */
  trustedChannels?: string[];
  redaction: boolean;
  now?: () => number;
  /** How often to retry a session write that lost a race. */
  maxAttempts?: number;
  /** A fresh sign-in link to the dashboard for a manager (`channel:userId`). */
  dashboardLink?: (sub: string) => string;
}

const MANAGER_COMMAND_RE = new RegExp(`^/(${[...MANAGER_COMMANDS, 'dashboard'].join('|')})(?:@\\S+)?(?:\\s+(.*))?$`, 'is');

/** How many sessions an instance remembers between messages. */
const SESSION_CACHE_SIZE = 10_000;

export class CoachService {
  private readonly now: () => number;
  /**
   * The sessions this instance saved last, with their version: a guess that saves a read per
   * message. It is only a guess — every write still checks the version in the database, and
   * a stale guess (another instance answered in between) just costs a re-read and a retry.
   */
  private readonly recent = new Map<string, { state: unknown; version: number }>();

  private readonly options: CoachServiceOptions;

  constructor(options: CoachServiceOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
  }

  /** Whether this user may use the managers' commands. */
  isManager(party: Pick<Party, 'channel' | 'userId'>): boolean {
    return this.options.trustedChannels?.includes(party.channel) === true || this.options.managerIds.has(`${party.channel}:${party.userId}`);
  }

  async handle(inbound: Inbound): Promise<OutboundReply[]> {
    const { store, logger, engine } = this.options;
    const input: CoachInput = { ...(this.options.redaction ? redactInput(inbound.input) : inbound.input), turnId: newTurnId(this.now()) };
    const party: Party = { channel: inbound.channel, chatId: inbound.chatId, chatType: inbound.chatType, userId: inbound.userId, userName: inbound.userName };
    const at = this.now();
    logger.debug({ channel: party.channel, chat: party.chatId, user: party.userId, input }, 'inbound');

    const manager = managerCommand(input);
    if (manager) {
      await store.append([inboundRow(party, input, at, null)]);
      return this.managerCommand(party, manager.command, manager.args);
    }

    const key = { channel: party.channel, chatId: party.chatId, userId: party.userId };
    const cacheKey = cacheKeyOf(key);
    const attempts = this.options.maxAttempts ?? 5;
    let recorded = false;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const session = (attempt === 1 ? this.recent.get(cacheKey) : undefined) ?? (await store.loadSession(key));
      let result: TurnResult;
      try {
        result = engine.handle(session?.state ?? null, input);
      } catch (err) {
        if (!recorded) await store.append([inboundRow(party, input, at, null)]);
        throw err;
      }
      // What the rep sent is on record before anything is saved or answered (the engine is pure
      // and ran first only to know which dialog the message opens).
      if (!recorded) {
        await store.append([inboundRow(party, input, at, result.dialog)]);
        recorded = true;
      }
      // The session, the turn's audit rows and the dialog's summary, in one transaction.
      const time = this.now();
      const dialog = result.dialog;
      const saved = await store.commitTurn({
        key,
        state: result.state,
        expectedVersion: session?.version ?? null,
        now: time,
        rows: [...result.events.flatMap((event) => eventRows(party, event, time)).map((row) => ({ ...row, dialog })), ...result.replies.map((reply) => ({ ...replyRow(party, reply, time), dialog }))],
        dialog: dialog ? summaryOf(party, dialog, result.events, time) : undefined,
      });
      if (saved === null) {
        this.recent.delete(cacheKey);
        logger.info({ chat: party.chatId, user: party.userId, attempt }, 'session changed concurrently; retrying');
        continue;
      }
      this.remember(cacheKey, { state: result.state, version: saved });
      logger.debug({ chat: party.chatId, user: party.userId, events: result.events.map((e) => e.kind), lang: result.lang }, 'turn');
      return result.replies;
    }
    const error = new ConcurrencyError(key, attempts);
    logger.error({ err: error }, 'session write failed');
    throw error;
  }

  private remember(cacheKey: string, session: { state: unknown; version: number }): void {
    this.recent.delete(cacheKey);
    this.recent.set(cacheKey, session);
    if (this.recent.size > SESSION_CACHE_SIZE) this.recent.delete(this.recent.keys().next().value!);
  }

  /**
   * Carries a conversation over from one chat to another — a quote tagged in a team group,
   * continued in the rep's private chat — and shows where it stands there.
   */
  async continueFrom(from: { channel: string; chatId: string; userId: string }, inbound: Inbound): Promise<OutboundReply[]> {
    const store = this.options.store;
    const source = await store.loadSession(from);
    if (source) {
      const key = { channel: inbound.channel, chatId: inbound.chatId, userId: inbound.userId };
      const state = this.options.engine.carryOver(source.state, from.chatId);
      for (let attempt = 1; attempt <= (this.options.maxAttempts ?? 5); attempt++) {
        const target = await store.loadSession(key);
        if ((await store.saveSession(key, state, target?.version ?? null, this.now())) !== null) break;
      }
      this.recent.delete(cacheKeyOf(key));
    }
    return this.handle(inbound);
  }

  /** Records something the bot cannot read (a photo, a sticker…) and says so in the rep's language. */
  async unsupported(party: Party, what: string): Promise<OutboundReply[]> {
    const time = this.now();
    const lang = await this.languageOf(party);
    const reply: OutboundReply = { kind: 'message', text: CHANNEL_MESSAGES[lang].textOnly };
    await this.options.store.append([{ ...party, at: time, kind: 'message', detail: `unsupported:${what}` }, replyRow(party, reply, time)]);
    return [reply];
  }

  private async managerCommand(party: Party, command: ManagerCommand | 'dashboard', args: string[]): Promise<OutboundReply[]> {
    const store = this.options.store;
    const lang = await this.languageOf(party);
    const time = this.now();
    if (!this.isManager(party)) {
      const reply: OutboundReply = { kind: 'message', text: refusal(lang) };
      await store.append([{ ...party, at: time, kind: 'refused', detail: command }, replyRow(party, reply, time)]);
      this.options.logger.warn({ channel: party.channel, user: party.userId, command }, 'manager command refused');
      return [reply];
    }
    if (command === 'dashboard') {
      // A sign-in link is a credential: only in a private chat, never in a group.
      const text = party.chatType !== 'private' && party.chatType !== 'console' ? dashboardText[lang].privateOnly : this.options.dashboardLink ? dashboardText[lang].link(this.options.dashboardLink(`${party.channel}:${party.userId}`)) : dashboardText[lang].off;
      const reply: OutboundReply = { kind: 'message', text };
      await store.append([replyRow(party, { kind: 'message', text: text.replace(/token=[^\s]+/, 'token=…') }, this.now())]);
      return [reply];
    }
    const { text, attachment } = await runManagerCommand(store, command, args, lang, time);
    const reply: OutboundReply = attachment ? { kind: 'message', text, attachment } : { kind: 'message', text };
    await store.append([replyRow(party, reply, this.now())]);
    return [reply];
  }

  /** The language the user's session replies in (English when there is none yet). */
  async languageOf(party: Pick<Party, 'channel' | 'chatId' | 'userId'>): Promise<Lang> {
    const session = await this.options.store.loadSession({ channel: party.channel, chatId: party.chatId, userId: party.userId });
    return this.options.engine.languageOf(session?.state);
  }
}

const dashboardText = {
  en: {
    link: (url: string) => `🔐 Your dashboard sign-in link (valid 15 minutes, for you only):\n${url}`,
    privateOnly: 'Send /dashboard in a private chat with me: the sign-in link is personal.',
    off: 'The dashboard is not available here.',
  },
  zh: {
    link: (url: string) => `🔐 看板登录链接（15 分钟内有效，仅限本人）：\n${url}`,
    privateOnly: '请在和我的私聊里发送 /dashboard：登录链接是个人的。',
    off: '这里没有开放看板。',
  },
};

/** What this turn means for the dialog's summary row (for the dashboard). */
function summaryOf(party: Party, id: string, events: CoachEvent[], at: number): { id: string; start?: DialogStart; change: DialogChange } {
  let start: DialogStart | undefined;
  const change: DialogChange = {};
  for (const event of events) {
    if (event.kind === 'dialog_started' && event.dialog === id)
      start = { id, at, channel: party.channel, chatId: party.chatId, userId: party.userId, userName: party.userName, quote: event.quote, predicted: event.predicted, confidence: event.confidence };
    else if (event.kind === 'corrected') Object.assign(change, { corrected: event.to, label: event.to });
    else if (event.kind === 'walk_started') Object.assign(change, { started: true, label: event.objection });
    else if (event.kind === 'step') change.step = event.step;
    else if (event.kind === 'walk_finished') change.finished = true;
    else if (event.kind === 'outcome') change.outcome = event.outcome;
  }
  return { id, start, change };
}

function cacheKeyOf(key: { channel: string; chatId: string; userId: string }): string {
  return `${key.channel}\u0000${key.chatId}\u0000${key.userId}`;
}

function managerCommand(input: CoachInput): { command: ManagerCommand | 'dashboard'; args: string[] } | null {
  if (input.type === 'command') {
    const name = input.name.toLowerCase();
    return [...MANAGER_COMMANDS, 'dashboard'].includes(name) ? { command: name as ManagerCommand, args: input.args ?? [] } : null;
  }
  if (input.type !== 'text') return null;
  const match = MANAGER_COMMAND_RE.exec(input.text.trim());
  return match ? { command: match[1]!.toLowerCase() as ManagerCommand, args: (match[2] ?? '').split(/\s+/).filter(Boolean) } : null;
}

function redactInput(input: CoachInput): CoachInput {
  if (input.type === 'text') return { ...input, text: redact(input.text) };
  if (input.type === 'command') return { ...input, args: input.args?.map(redact) };
  return input;
}

function inboundRow(party: Party, input: CoachInput, at: number, dialog: string | null): AuditEntry {
  if (input.type === 'text') return { ...party, at, dialog, kind: 'message', text: input.text };
  if (input.type === 'action') return { ...party, at, dialog, kind: 'button', detail: input.action };
  return { ...party, at, dialog, kind: 'command', text: ['/' + input.name, ...(input.args ?? [])].join(' '), detail: input.name };
}

/** A unique, time-ordered id for a turn (and the dialog it may open). */
function newTurnId(now: number): string {
  return `${now.toString(36)}-${randomBytes(5).toString('hex')}`;
}

function replyRow(party: Party, reply: OutboundReply, at: number): AuditEntry {
  return {
    ...party,
    at,
    kind: 'reply',
    text: reply.text,
    data: reply.buttons || reply.attachment ? { buttons: reply.buttons, attachment: reply.attachment?.filename } : undefined,
  };
}

function eventRows(party: Party, event: CoachEvent, at: number): AuditEntry[] {
  return event.kind === 'dialog_started' ? [] : [eventRow(party, event, at)];
}

function eventRow(party: Party, event: Exclude<CoachEvent, { kind: 'dialog_started' }>, at: number): AuditEntry {
  switch (event.kind) {
    case 'classified':
      return { ...party, at, kind: 'classified', text: event.quote, label: event.label, confidence: event.confidence, data: { matched: event.matched, unsure: event.unsure }, classifierVersion: event.classifierVersion };
    case 'corrected':
      return { ...party, at, kind: 'corrected', text: event.quote, label: event.from, detail: event.to };
    case 'walk_started':
      return { ...party, at, kind: 'walk_started', text: event.quote, label: event.objection };
    case 'step':
      return { ...party, at, kind: 'step', label: event.objection, detail: event.step };
    case 'walk_finished':
      return { ...party, at, kind: 'walk_finished', label: event.objection };
    case 'outcome':
      return { ...party, at, kind: 'outcome', label: event.objection, detail: event.outcome };
    case 'rejected':
      return { ...party, at, kind: 'rejected', detail: event.reason };
  }
}
