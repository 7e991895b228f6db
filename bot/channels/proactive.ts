/**
 * What a channel offers the reminders runner: a proactive sender, which writes to a rep first
 * (no inbound message to answer). Channel-neutral, so adapters implement it without knowing the
 * store: the runner hands over where (the rep, the chat, the stored conversation reference when
 * the channel needs one) and a MessageReply to render the channel's usual way.
 */
import type { Lang } from '../../data/vocabulary.ts';
import type { MessageReply } from '../../dialogs/types.ts';

/** Where a proactive message goes. */
export interface ProactiveTarget {
  chatId: string;
  userId: string;
  lang: Lang;
  /** The channel's stored conversation reference (Teams), when `needsReference`. */
  reference?: unknown;
}

export interface ProactiveSender {
  /** Whether a send needs a stored conversation reference (a Teams rep must have written once). */
  readonly needsReference?: boolean;
  /** Sends the message; throws on failure (a `ProactiveError` with `permanent` when retrying cannot help). */
  send(target: ProactiveTarget, message: MessageReply): Promise<void>;
}

/** A send that failed; `permanent` when trying again cannot succeed (the rep blocked the bot, no reference). */
export class ProactiveError extends Error {
  readonly permanent: boolean;

  constructor(message: string, options: { permanent: boolean; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.permanent = options.permanent;
    this.name = 'ProactiveError';
  }
}
