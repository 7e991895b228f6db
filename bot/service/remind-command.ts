/**
 * `/remind`: a rep's reminder settings, answered by the conversation service in the rep's
 * language (Chinese words as arguments work too: `/remind 关`, `/remind 免打扰 22-8`).
 *
 *   /remind              the current settings and how to change them
 *   /remind off | 关      no reminders: the pending ones are cancelled, and the runner cancels
 *                        any scheduled later instead of sending it
 *   /remind on | 开       reminders again (from the next one scheduled)
 *   /remind quiet 22-8   quiet hours in the rep's local time (the reminder's time zone): a
 *                        reminder due then waits until they end; `/remind quiet off` clears them
 *
 * Anything else gets the usage and changes nothing. Also: where a proactive message reaches a
 * rep (`ConversationRefs`), stored when it changed.
 */
import type { Lang, Party } from '../../data/vocabulary.ts';
import type { CoachInput } from '../../dialogs/types.ts';
import { parseCommand } from '../../dialogs/commands.ts';
import type { Store } from '../../store/store.ts';
import { REMINDER_MESSAGES } from '../reminders/messages.ts';
import { parseQuietHours } from '../reminders/quiet.ts';

/** The arguments when `input` is `/remind`, else undefined. */
export function remindArgs(input: CoachInput): string[] | undefined {
  if (input.type === 'command') return input.name.toLowerCase() === 'remind' ? (input.args ?? []) : undefined;
  if (input.type !== 'text') return undefined;
  const parsed = parseCommand(input.text);
  return parsed?.name === 'remind' ? parsed.args : undefined;
}

const OFF = /^(?:off|stop|no|关|关闭|關|關閉|停|停止|不要)$/;
const ON = /^(?:on|yes|start|开|开启|打开|開|開啟|打開)$/;
const QUIET = /^(?:quiet|免打扰|免打擾|勿扰|勿擾|安静|安靜)\s*(.*)$/;
const NONE = /^(?:off|none|no|关|关闭|關|關閉|无|無|取消)$/;

/** The language to answer in: Chinese when the arguments are, else the rep's session language. */
export function remindLang(args: string[], sessionLang: Lang): Lang {
  const text = args.join(' ');
  if (/\p{Script=Han}/u.test(text)) return 'zh';
  return /[a-z]/i.test(text) ? 'en' : sessionLang;
}

/** Applies `/remind <args>` for the rep; returns the answer. */
export async function runRemindCommand(store: Store, party: Pick<Party, 'channel' | 'userId'>, args: string[], lang: Lang, now: number): Promise<string> {
  const t = REMINDER_MESSAGES[lang];
  const said = args.join(' ').normalize('NFKC').trim().toLowerCase();
  if (!said || said === 'status' || said === '状态' || said === '狀態') {
    const prefs = await store.reminderPrefs.of(party.channel, party.userId);
    return t.status(prefs.enabled, prefs.quiet);
  }
  if (OFF.test(said)) {
    await store.reminderPrefs.set(party.channel, party.userId, { enabled: false }, now);
    return t.turnedOff(await store.reminders.cancelAllOf(party.channel, party.userId));
  }
  if (ON.test(said)) {
    await store.reminderPrefs.set(party.channel, party.userId, { enabled: true }, now);
    return t.turnedOn;
  }
  const rest = QUIET.exec(said)?.[1]?.trim() ?? said;
  if (NONE.test(rest)) {
    await store.reminderPrefs.set(party.channel, party.userId, { quiet: null }, now);
    return t.quietCleared;
  }
  const quiet = parseQuietHours(rest);
  if (!quiet) return t.usage;
  await store.reminderPrefs.set(party.channel, party.userId, { quiet }, now);
  return t.quietSet(quiet);
}

/** A conversation reference as an adapter captures it. */
export interface ConversationTarget {
  channel: string;
  chatId: string;
  userId: string;
  personal: boolean;
  reference: unknown;
}

/** Stores conversation references, writing only when one changed (not on every message). */
export class ConversationRefs {
  private readonly known = new Map<string, string>();
  private readonly store: Store;

  constructor(store: Store) {
    this.store = store;
  }

  async remember(target: ConversationTarget, now: number): Promise<void> {
    const key = `${target.channel}\u0000${target.chatId}\u0000${target.userId}`;
    const json = JSON.stringify([target.personal, target.reference]);
    if (this.known.get(key) === json) return;
    await this.store.conversationRefs.save(target, now);
    this.known.delete(key);
    this.known.set(key, json);
    if (this.known.size > 10_000) this.known.delete(this.known.keys().next().value!);
  }
}
