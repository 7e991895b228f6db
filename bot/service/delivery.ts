/**
 * Getting a turn's replies out, with nothing acknowledged lost and nothing sent twice in effect:
 *
 * - The turn's replies are committed with its delivery's claim (the outbox: store/claims.ts).
 * - `deliverAnswer` hands them to the channel one at a time, in order, and counts each one the
 *   channel took; a redelivery of a committed delivery (the process died between the commit and
 *   the sends, or a send failed for a while) sends only the ones not counted yet.
 * - A channel that can let the platform's acknowledgement carry a reply (Telegram's webhook
 *   reply) sends the LAST reply that way: the acknowledgement and the reply then travel together
 *   — either the platform has both, or it has neither and delivers the update again — so a
 *   one-reply turn is never lost and never doubled, whenever the process dies.
 * - `redeliverable(err)`: whether a failed turn should leave its delivery to the platform's
 *   retry (the database did not answer, a burst kept changing the session, the platform's API
 *   did not answer) instead of telling the rep — nothing of it is committed, or its unsent
 *   replies are kept, so the retry answers it once. Anything else (a bug, a chat that refuses
 *   our messages) would fail the same way on every retry and block the chat's later messages.
 */
import type { Lang, Party } from '../../data/vocabulary.ts';
import type { Delivery, Store } from '../../store/store.ts';
import { failureKind } from '../channels/error-replies.ts';
import type { Logger } from '../logger.ts';
import type { OutboundReply } from './coach-service.ts';

/** One reply as the outbox keeps it: the reply (a file's content left out) and its language. */
export interface OutboxEntry {
  reply: OutboundReply;
  lang: Lang;
}

/** Where an answer's replies are kept until the channel took them. */
export interface OutboxRef {
  delivery: Delivery;
  /** How many of the turn's replies were taken before this answer's first. */
  offset: number;
}

/** The outbox entries of a turn's replies. A file is not kept (an export is asked for again), nor is a credential. */
export function outboxOf(replies: readonly OutboundReply[], lang: Lang): OutboxEntry[] {
  return replies.map(({ attachment: _file, ...reply }) => ({ reply, lang }));
}

/**
 * The answer to a delivery whose turn is committed, come again: not run again; what the channel
 * had not taken of its answer when the first attempt ended (a process killed between the commit
 * and the sends, a send that failed for a while) is answered now, the rest is not sent twice.
 */
export function unsentAnswer(logger: Logger, delivery: Delivery, outcome: { unsent: unknown[]; sent: number }): { replies: OutboundReply[]; lang: Lang; duplicate: true; outbox: OutboxRef } {
  const unsent = outcome.unsent as OutboxEntry[];
  logger.info({ source: delivery.source, update: delivery.updateId, unsent: unsent.length }, 'duplicate delivery');
  return { replies: unsent.map((e) => e.reply), lang: unsent[0]?.lang ?? 'en', duplicate: true, outbox: { delivery, offset: outcome.sent } };
}

/** How the channel sends one reply; `last`: the last of the answer (the one an acknowledgement may carry). */
export type SendReply = (reply: OutboundReply, position: { index: number; last: boolean }) => Promise<void>;

export interface DeliveryDeps {
  store: Store;
  logger: Logger;
  /** Records a reply the channel could not take (service.replyFailed). */
  failed(party: Party, failure: { delivery?: Delivery; error: unknown }): Promise<void>;
}

/**
 * Sends `replies` through `send`, counting each in the outbox once the channel took it. A send
 * that fails is recorded; when the failure is for good (the chat refuses us), the reply is
 * counted too, so no redelivery tries it again. The error is then rethrown to the adapter.
 */
export async function deliverAnswer(deps: DeliveryDeps, party: Party, answer: { replies: OutboundReply[]; outbox?: OutboxRef }, send: SendReply): Promise<void> {
  const { replies, outbox } = answer;
  for (const [index, reply] of replies.entries()) {
    try {
      await send(reply, { index, last: index === replies.length - 1 });
    } catch (error) {
      await deps.failed(party, { delivery: outbox?.delivery, error }).catch(() => undefined);
      if (outbox && !redeliverable(error)) await deps.store.outbox.markSent(outbox.delivery, outbox.offset + index + 1).catch(() => undefined);
      throw error;
    }
    // The reply is out: a count that cannot be written now is logged, not a failed turn (which
    // the platform would deliver again, sending the reply twice).
    if (outbox) await deps.store.outbox.markSent(outbox.delivery, outbox.offset + index + 1).catch((err) => deps.logger.warn({ err, update: outbox.delivery.updateId }, 'could not count a sent reply'));
  }
}

/** Whether a failed turn or send is worth the platform's redelivery (see the module comment). */
export function redeliverable(err: unknown): boolean {
  const kind = failureKind(err);
  if (kind === 'busy' || kind === 'storage') return true;
  if (kind !== 'delivery') return false;
  const e = unwrap(err) as { name?: unknown; error_code?: unknown };
  // No answer from the platform's API (network), or its own trouble (5xx) or a rate limit that outlasted the retries.
  if (e.name === 'HttpError') return true;
  return typeof e.error_code === 'number' && (e.error_code >= 500 || e.error_code === 429);
}

function unwrap(err: unknown): unknown {
  const e = err as { ctx?: unknown; error?: unknown } | null;
  return e && typeof e === 'object' && e.ctx && 'error' in e ? e.error : err;
}
