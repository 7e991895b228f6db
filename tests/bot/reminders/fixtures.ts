/**
 * What the reminder tests share: a controlled clock, a proactive sender that records what it
 * was given (and fails when told to), and a logger whose lines are kept.
 */
import type { ProactiveSender, ProactiveTarget } from '../../../bot/channels/proactive.ts';
import type { MessageReply } from '../../../dialogs/types.ts';
export { capturingLogger } from '../../helpers.ts';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** A clock the test moves by hand. */
export function clock(start: number) {
  let t = start;
  return { now: () => t, set: (ms: number) => void (t = ms), advance: (ms: number) => void (t += ms) };
}

/** A sender that keeps every message; `failures` makes the next sends throw those errors in turn. */
export function recorder(failures: Error[] = []) {
  const sent: { target: ProactiveTarget; message: MessageReply }[] = [];
  const sender: ProactiveSender = {
    async send(target, message) {
      const failure = failures.shift();
      if (failure) throw failure;
      sent.push({ target, message });
    },
  };
  return { sent, sender, failures };
}

