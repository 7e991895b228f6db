/**
 * Dates and times a rep types ("周六上午10点", "下周三下午两点", "tomorrow 10am", "in two weeks"),
 * understood in the rep's time zone with chrono-node's Chinese and English parsers.
 *
 * Pure: the caller passes "now" and the IANA time zone. On top of chrono, three small rules that
 * sales scheduling needs: traditional Chinese is read as simplified; "两周后" / "3个星期后" become
 * day counts chrono knows; a bare hour from 1 to 7 without 上午/am ("Friday at 3", "周五3点") is
 * the afternoon, since nobody books a customer at 3 a.m. The result says whether a clock time
 * was given, so a caller can ask for one.
 */
// The two locales' entry points, not chrono's root, which loads every language it knows.
import * as en from 'chrono-node/en';
import * as zh from 'chrono-node/zh';
import type { ParsedResult } from 'chrono-node';
import { toSimplified } from './simplified.ts';

/** A moment understood from the rep's words. */
export interface UnderstoodTime {
  /** The moment, as an absolute instant. */
  at: Date;
  /** The words it was read from, as the rep typed them (simplified for Chinese). */
  text: string;
  /** Whether the words named a clock time (else chrono's default, noon or now, is used). */
  hasTime: boolean;
}

const CHINESE_NUMBERS: Record<string, number> = { 一: 1, 两: 2, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** "两周后" → "14天后": chrono's Chinese parser knows days but not weeks from now. */
function weeksToDays(text: string): string {
  return text.replace(/([一两二三四五六七八九十]|\d{1,2})\s*(?:个)?(?:周|星期|礼拜)(?:以)?后/g, (_, count: string) => {
    const n = CHINESE_NUMBERS[count] ?? Number(count);
    return `${n * 7}天后`;
  });
}

/** "明早" and "明晚" (tomorrow morning / evening), which chrono reads as today, spelt out. */
function tomorrowParts(text: string): string {
  return text.replace(/明(早|晚)上?/g, (_, part: string) => (part === '早' ? '明天早上' : '明天晚上'));
}

/** Minutes east of UTC that `timeZone` has at `instant`. */
export function offsetMinutes(timeZone: string, instant: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((wall - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The first date or time in `text`, or undefined when it names none. Dates without a year
 * are taken in the future (a rep books ahead).
 */
export function parseWhen(text: string, options: { now: Date; timeZone: string }): UnderstoodTime | undefined {
  const reference = { instant: options.now, timezone: offsetMinutes(options.timeZone, options.now) };
  const han = /\p{Script=Han}/u.test(text);
  const input = han ? tomorrowParts(weeksToDays(toSimplified(text.normalize('NFKC')))) : text.normalize('NFKC');
  const parsers = han ? [zh.hans, en] : [en, zh.hans];
  for (const parser of parsers) {
    const result = parser.parse(input, reference, { forwardDate: true })[0];
    if (result) return understood(result, options);
  }
  return undefined;
}

const DAY_MS = 86_400_000;

/**
 * The moment from chrono's wall-clock components, placed in the rep's zone here (chrono's own
 * instant ignores the zone for some casual phrases such as "the day after tomorrow at 2pm").
 */
function understood(result: ParsedResult, options: { now: Date; timeZone: string }): UnderstoodTime {
  const start = result.start;
  const hasTime = start.isCertain('hour');
  let hour = start.get('hour') ?? 12;
  // "Friday at 3" / "周五3点": a customer meeting is in the afternoon.
  if (hasTime && !start.isCertain('meridiem') && hour >= 1 && hour <= 7) hour += 12;
  const wallClock = [start.get('year') ?? 1970, start.get('month') ?? 1, start.get('day') ?? 1, hour, start.get('minute') ?? 0] as const;
  let at = wallToInstant(wallClock, options.timeZone);
  // "Wed 3pm" said on a Wednesday morning means today, not a week later.
  const weekEarlier = new Date(at.getTime() - 7 * DAY_MS);
  if (start.isCertain('weekday') && !start.isCertain('day') && !/\bnext\b|下/i.test(result.text) && weekEarlier > options.now && localDate(weekEarlier, options.timeZone) === localDate(options.now, options.timeZone)) {
    at = weekEarlier;
  }
  return { at, text: result.text, hasTime };
}

function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone }).format(at);
}

/** The instant at which `timeZone` shows the wall-clock time [year, month, day, hour, minute]. */
function wallToInstant([year, month, day, hour, minute]: readonly number[], timeZone: string): Date {
  const asUtc = Date.UTC(year!, month! - 1, day!, hour!, minute!);
  const first = asUtc - offsetMinutes(timeZone, new Date(asUtc)) * 60_000;
  return new Date(asUtc - offsetMinutes(timeZone, new Date(first)) * 60_000);
}

/** The moment as a rep reads it back in a confirmation: "11月28日 周六 10:00" / "Sat 28 Nov, 10:00". */
export function formatWhen(at: Date, timeZone: string, lang: 'zh' | 'en'): string {
  if (lang === 'zh') {
    const date = new Intl.DateTimeFormat('zh-CN', { timeZone, month: 'long', day: 'numeric', weekday: 'short' }).format(at);
    const time = new Intl.DateTimeFormat('zh-CN', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
    return `${date} ${time}`;
  }
  return new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

/** The instant `days` days after `from`'s local date in `timeZone`, at `hour`:00 local time. */
export function atLocalHour(from: Date, days: number, hour: number, timeZone: string): Date {
  const [year, month, day] = localDate(from, timeZone).split('-').map(Number) as [number, number, number];
  const shifted = new Date(Date.UTC(year, month - 1, day + days));
  return wallToInstant([shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate(), hour, 0], timeZone);
}
