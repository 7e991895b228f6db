/**
 * What the reminders part of the bot says, in both languages: the polite note on a reminder
 * that went out late, and the answers to `/remind` (on, off, quiet hours, how to use it).
 */
import type { Lang } from '../../data/vocabulary.ts';
import type { QuietHours } from '../../store/store.ts';

export interface ReminderMessages {
  /** Put before a reminder that went out well after its time (`when`: the time it was due). */
  late: (when: string) => string;
  status: (enabled: boolean, quiet: QuietHours | null) => string;
  turnedOff: (cancelled: number) => string;
  turnedOn: string;
  quietSet: (quiet: QuietHours) => string;
  quietCleared: string;
  usage: string;
  /** The console's heading over reminders that came due while it was closed. */
  consoleHeading: string;
}

const hours = (q: QuietHours) => `${String(q.from).padStart(2, '0')}:00–${String(q.to).padStart(2, '0')}:00`;

export const REMINDER_MESSAGES: Record<Lang, ReminderMessages> = {
  en: {
    late: (when) => `⏰ Sorry — this reminder is late (it was due ${when}).`,
    status: (enabled, quiet) => `🔔 Reminders are ${enabled ? 'on' : 'off'}${quiet ? `; quiet hours ${hours(quiet)} (your local time)` : ''}.\n${REMINDER_MESSAGES.en.usage}`,
    turnedOff: (n) => `🔕 Reminders are off.${n ? ` ${n} pending reminder${n === 1 ? ' was' : 's were'} cancelled.` : ''} Send /remind on to turn them back on.`,
    turnedOn: '🔔 Reminders are on: I will remind you of booked meetings and follow-ups.',
    quietSet: (q) => `🌙 Quiet hours ${hours(q)} (your local time): reminders due then wait until they end.`,
    quietCleared: '🌙 No quiet hours: reminders come at their time.',
    usage: 'Use: /remind off · /remind on · /remind quiet 22-8 · /remind quiet off',
    consoleHeading: '🔔 Reminders due while you were away:',
  },
  zh: {
    late: (when) => `⏰ 抱歉，这条提醒晚到了（原定 ${when}）。`,
    status: (enabled, quiet) => `🔔 提醒已${enabled ? '开启' : '关闭'}${quiet ? `；免打扰 ${hours(quiet)}（当地时间）` : ''}。\n${REMINDER_MESSAGES.zh.usage}`,
    turnedOff: (n) => `🔕 提醒已关闭。${n ? `已取消 ${n} 条待发提醒。` : ''}发送 /remind 开 可重新开启。`,
    turnedOn: '🔔 提醒已开启：约好的见面和跟进，我会按时提醒你。',
    quietSet: (q) => `🌙 免打扰 ${hours(q)}（当地时间）：这段时间到期的提醒会等到结束后再发。`,
    quietCleared: '🌙 已取消免打扰：提醒按时发送。',
    usage: '用法：/remind 关 · /remind 开 · /remind 免打扰 22-8 · /remind 免打扰 关',
    consoleHeading: '🔔 你不在时到期的提醒：',
  },
};
