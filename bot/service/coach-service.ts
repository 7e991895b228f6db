/**
 * The conversation service every channel shares: one inbound message or button press in, the
 * replies and their language out — with everything around the pure engine done once, here:
 *
 * 1. redact personal data from what the rep sent (before it reaches the engine, store or logs);
 * 2. run the turn on the session — the instance's cached copy, or one read — and commit it in
 *    ONE transaction: the session, the inbound row, the events, the replies, the dialog summary
 *    and the delivery (update id) marked done with its replies (the outbox, delivery.ts): a
 *    redelivery of a committed turn only sends what was not sent; a turn that failed or was
 *    never committed (a crash) runs when the channel delivers it again;
 * 3. a session changed by another instance meanwhile: plan again on a fresh read, after a short
 *    random pause, a bounded number of times (then fail loudly, on the record);
 * 4. answer managers' /stats, /audit, /export, /dashboard (and refuse, and log, anyone else);
 * 5. hand the replies to the channel, each counted once sent (`deliver`); record undeliverable
 *    replies (`replyFailed`), say what failed (`failureReply`); answer own commands
 *    (own-commands.ts); keep where a reminder reaches a rep (`rememberConversation`);
 * 6. give the engine the clock and zone; commit with the turn the deals it changed and its reminders.
 */
import { randomBytes } from 'node:crypto';
import type { Playbook } from '../../data/playbook.ts';
import type { Lang, Party } from '../../data/vocabulary.ts';
import type { CoachInput, Engine, Reply } from '../../dialogs/engine.ts';
import { ConcurrencyError, type AuditEntry, type Delivery, type SessionKey, type Store, type StoredSession } from '../../store/store.ts';
import { CHANNEL_MESSAGES as MESSAGES } from '../channels/messages.ts';
import { failureLanguage, failureText } from '../channels/error-replies.ts';
import type { Logger } from '../logger.ts';
import { deliverAnswer, outboxOf, unsentAnswer, type OutboxRef, type SendReply } from './delivery.ts';
import { MANAGER_COMMANDS, refusal, runManagerCommand, type Attachment, type ManagerCommand } from './manager-tools.ts';
import { answerOwnCommand, withStoreData } from './own-commands.ts';
import { ConversationRefs, type ConversationTarget } from './remind-command.ts';
import { describeError, inboundRow, inputText, plannedWrite, redactInput, replyRow } from './turn-rows.ts';

export type { Delivery };

/** One thing a user did, with who and where, and the channel's delivery it came in. */
export interface Inbound extends Party {
  input: CoachInput;
  /** The channel's id for this delivery (Telegram update_id, Teams activity): a redelivery is answered once. */
  delivery?: Delivery;
  /** The rep's IANA time zone, when the platform tells (Teams: the activity's localTimezone). */
  timeZone?: string;
}

/** A reply, possibly with a file for the channel to deliver. */
export type OutboundReply = Reply & {
  attachment?: Attachment;
};

/** What a turn answers: the replies to send, and the language the rep reads. */
export interface Answer {
  replies: OutboundReply[];
  lang: Lang;
  /** The delivery was answered before: `replies` are those of its answer the channel has not taken yet. */
  duplicate?: true;
  /** Where the replies are kept until the channel took them (deliveries only). */
  outbox?: OutboxRef;
}

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
  /** How often to plan a turn again when its session changed underneath (default 6). */
  maxAttempts?: number;
  /** A fresh sign-in link to the dashboard for a manager (`channel:userId`). */
  dashboardLink?: (sub: string) => string;
  /** The running playbook, for step titles and button labels in managers' views (default: the shipped one). */
  playbook?: Playbook;
  /** The team's IANA time zone (TEAM_TIMEZONE): dates a rep types are read in it when nothing else says. */
  teamTimeZone?: string;
}

const MANAGER_COMMAND_RE = new RegExp(`^/(${[...MANAGER_COMMANDS, 'dashboard'].join('|')})(?:@\\S+)?(?:\\s+(.*))?$`, 'is');
/** How many sessions an instance remembers. */
const CACHE_SIZE = 10_000;

export class CoachService {
  private readonly options: CoachServiceOptions;
  private readonly now: () => number;
  /**
   * The sessions this instance saved last, with their version: a guess that saves a read per
   * message. Only a guess — the write still checks the version, and a stale guess (another
   * instance answered in between) costs a read in the retry.
   */
  private readonly recent = new Map<string, StoredSession>();
  private readonly refs: ConversationRefs;

  constructor(options: CoachServiceOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
    this.refs = new ConversationRefs(options.store);
  }

  /** Keeps where a proactive message (a reminder) reaches this rep: a Teams conversation reference. */
  rememberConversation(target: ConversationTarget): Promise<void> {
    return this.refs.remember(target, this.now());
  }

  /** Whether this user may use the managers' commands. */
  isManager(party: Pick<Party, 'channel' | 'userId'>): boolean {
    return this.options.trustedChannels?.includes(party.channel) === true || this.options.managerIds.has(`${party.channel}:${party.userId}`);
  }

  async handle(inbound: Inbound): Promise<Answer> {
    const at = this.now();
    const input = this.prepared(inbound.input, at, inbound.timeZone);
    const party = partyOf(inbound);
    this.options.logger.debug({ channel: party.channel, chat: party.chatId, user: party.userId, input }, 'inbound');
    const manager = managerCommand(input);
    if (manager) return this.managerTurn(party, inbound.delivery, input, manager, at);
    const own = await answerOwnCommand({ store: this.options.store, isManager: (p) => this.isManager(p), languageOf: (p) => this.languageOf(p) }, party, input, at);
    if (own) {
      const reply: OutboundReply = { kind: 'message', text: own.text };
      const refused: AuditEntry[] = own.refused ? [{ ...party, at, kind: 'refused', detail: own.refused }] : [];
      return this.commitRecord(inbound.delivery, at, [inboundRow(party, input, at, null), ...refused, replyRow(party, reply, at)], { replies: [reply], lang: own.lang });
    }
    return this.coachTurn(party, inbound.delivery, await withStoreData(this.options.store, party, input, at), at);
  }

  /** Carries a conversation from a team group into the rep's private chat, and shows where it stands, in one turn. */
  async continueFrom(from: SessionKey, inbound: Inbound): Promise<Answer> {
    const source = await this.options.store.sessions.load(from);
    const at = this.now();
    const input = this.prepared(inbound.input, at, inbound.timeZone);
    return this.coachTurn(partyOf(inbound), inbound.delivery, input, at, source ? this.options.engine.carryOver(source.state, from.chatId) : undefined);
  }

  /** Records something the bot cannot read (a photo, a sticker…) and says so in the rep's language. */
  async unsupported(inbound: Omit<Inbound, 'input'>, what: string): Promise<Answer> {
    const party = partyOf(inbound);
    const at = this.now();
    const lang = await this.languageOf(party);
    const reply: OutboundReply = { kind: 'message', text: MESSAGES[lang].textOnly };
    return this.commitRecord(inbound.delivery, at, [{ ...party, at, kind: 'message', detail: `unsupported:${what}` }, replyRow(party, reply, at)], { replies: [reply], lang });
  }

  /** Sends an answer's replies through the channel's `send`, in order, each counted once taken (delivery.ts). */
  deliver(party: Party, answer: Answer, send: SendReply): Promise<void> {
    return deliverAnswer({ store: this.options.store, logger: this.options.logger, failed: (p, f) => this.replyFailed(p, f) }, partyOf(party), answer, send);
  }

  /** Records that a channel could not deliver a reply (the error's name and code, not its content). */
  async replyFailed(party: Party, failure: { delivery?: Delivery; error: unknown }): Promise<void> {
    const entry: AuditEntry = { ...partyOf(party), at: this.now(), kind: 'reply_failed', detail: describeError(failure.error), data: failure.delivery ? { delivery: failure.delivery } : undefined };
    this.options.logger.warn({ channel: party.channel, chat: party.chatId, update: failure.delivery?.updateId, error: entry.detail }, 'reply not delivered');
    await this.options.store.audit.append([entry]);
  }

  /** What to tell a rep whose message failed with `error`, in their language (failureLanguage). */
  async failureReply(party: Pick<Party, 'channel' | 'chatId' | 'userId'>, error: unknown, hints: { langHint?: Lang; text?: string } = {}): Promise<{ text: string; lang: Lang }> {
    const lang = await failureLanguage(hints.langHint, () => this.languageOf(party, hints.langHint), hints.text);
    return { text: failureText(error, lang), lang };
  }

  /** The session's reply language; without a session the channel's hint (client locale), else English. One read. */
  async languageOf(party: Pick<Party, 'channel' | 'chatId' | 'userId'>, hint?: Lang): Promise<Lang> {
    const session = await this.options.store.sessions.load(keyOf(party));
    return session ? this.options.engine.languageOf(session.state) : (hint ?? 'en');
  }

  /** What the rep sent, redacted, with an id for the turn (which names the dialog it may open) and the clock. */
  private prepared(input: CoachInput, at: number, timeZone: string | undefined): CoachInput {
    const clock = { now: at, ...(timeZone ? { timeZone } : {}), ...(this.options.teamTimeZone ? { teamTimeZone: this.options.teamTimeZone } : {}) };
    return { ...(this.options.redaction ? redactInput(input) : input), turnId: newTurnId(at), clock };
  }

  /** One coaching turn: engine and commit, again on a fresh read when the session changed underneath. */
  private async coachTurn(party: Party, delivery: Delivery | undefined, input: CoachInput, at: number, carried?: unknown): Promise<Answer> {
    const { store, engine, logger } = this.options;
    const key = keyOf(party);
    const cacheKey = cacheKeyOf(key);
    const attempts = this.options.maxAttempts ?? 6;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const known = attempt === 1 ? this.recent.get(cacheKey) : undefined;
      let outcome;
      try {
        outcome = await store.commitTurn({
          now: at,
          delivery,
          key,
          known,
          plan: (session) => {
            const previous = carried ?? session?.state ?? null;
            return plannedWrite(party, input, engine.handle(previous, input), at, delivery);
          },
        });
      } catch (err) {
        this.recent.delete(cacheKey);
        await this.recordFailure(party, delivery, input, err);
        throw err;
      }
      if (outcome.status === 'duplicate') return unsentAnswer(logger, delivery!, outcome);
      if (outcome.status === 'conflict') {
        this.recent.delete(cacheKey);
        logger.info({ chat: party.chatId, user: party.userId, attempt }, 'session changed concurrently; retrying');
        if (attempt < attempts) await pause(attempt);
        continue;
      }
      this.remember(cacheKey, { state: outcome.write.state, version: outcome.version! });
      logger.debug({ chat: party.chatId, user: party.userId, rows: outcome.write.rows.map((r) => r.kind), mode: outcome.write.mode }, 'turn');
      return outcome.write.answer;
    }
    const error = new ConcurrencyError(key, attempts);
    logger.error({ err: error }, 'session write failed');
    await this.recordFailure(party, delivery, input, error);
    throw error;
  }

  private async managerTurn(party: Party, delivery: Delivery | undefined, input: CoachInput, manager: { command: ManagerCommand | 'dashboard'; args: string[] }, at: number): Promise<Answer> {
    const lang = await this.languageOf(party, input.type === 'action' ? undefined : input.langHint);
    const inbound = inboundRow(party, input, at, null);
    if (!this.isManager(party)) {
      const reply: OutboundReply = { kind: 'message', text: refusal(lang) };
      this.options.logger.warn({ channel: party.channel, user: party.userId, command: manager.command }, 'manager command refused');
      return this.commitRecord(delivery, at, [inbound, { ...party, at, kind: 'refused', detail: manager.command }, replyRow(party, reply, at)], { replies: [reply], lang });
    }
    if (manager.command === 'dashboard') {
      // A sign-in link is a credential: only in a private chat, never in a group, never on record.
      const link = this.options.dashboardLink;
      const text = party.chatType !== 'private' && party.chatType !== 'console' ? dashboardText[lang].privateOnly : link ? dashboardText[lang].link(link(`${party.channel}:${party.userId}`)) : dashboardText[lang].off;
      const masked: OutboundReply = { kind: 'message', text: text.replace(/token=[^\s]+/, 'token=…') };
      return this.commitRecord(delivery, at, [inbound, replyRow(party, masked, at)], { replies: [{ kind: 'message', text }], lang }, [masked]);
    }
    const { text, attachment } = await runManagerCommand(this.options.store, manager.command, manager.args, lang, at, this.options.playbook);
    const reply: OutboundReply = attachment ? { kind: 'message', text, attachment } : { kind: 'message', text };
    return this.commitRecord(delivery, at, [inbound, replyRow(party, reply, at)], { replies: [reply], lang });
  }

  /** Commits audit rows (no session) with the delivery and its outbox (`kept`: the replies as stored, a sign-in link masked). */
  private async commitRecord(delivery: Delivery | undefined, at: number, rows: AuditEntry[], answer: Answer, kept: OutboundReply[] = answer.replies): Promise<Answer> {
    const outcome = await this.options.store.commitTurn({ now: at, delivery, plan: () => ({ rows, outbox: delivery ? outboxOf(kept, answer.lang) : undefined }) });
    if (outcome.status === 'duplicate') return unsentAnswer(this.options.logger, delivery!, outcome);
    return delivery ? { ...answer, outbox: { delivery, offset: 0 } } : answer;
  }

  /** The failed turn on record (what the rep sent, the error's name); the delivery stays open for a retry. */
  private async recordFailure(party: Party, delivery: Delivery | undefined, input: CoachInput, err: unknown): Promise<void> {
    const entry: AuditEntry = { ...party, at: this.now(), kind: 'failed', text: inputText(input), detail: describeError(err), data: delivery ? { delivery } : undefined };
    await this.options.store.audit.append([entry]).catch((error) => this.options.logger.error({ err: error }, 'could not record a failed turn'));
  }

  private remember(cacheKey: string, session: StoredSession): void {
    this.recent.delete(cacheKey);
    this.recent.set(cacheKey, session);
    if (this.recent.size > CACHE_SIZE) this.recent.delete(this.recent.keys().next().value!);
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

/** A short random pause before planning a turn again, growing with the attempt (at most 200 ms). */
function pause(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(200, 10 * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function partyOf(party: Party): Party {
  return { channel: party.channel, chatId: party.chatId, chatType: party.chatType, userId: party.userId, userName: party.userName };
}

function keyOf(party: Pick<Party, 'channel' | 'chatId' | 'userId'>): SessionKey {
  return { channel: party.channel, chatId: party.chatId, userId: party.userId };
}

function cacheKeyOf(key: SessionKey): string {
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

/** A unique, time-ordered id for a turn (and the dialog it may open). */
function newTurnId(now: number): string {
  return `${now.toString(36)}-${randomBytes(5).toString('hex')}`;
}
