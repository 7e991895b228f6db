/**
 * Quiet hours in a rep's local time, and when a reminder counts as late: pure functions of an
 * instant, a time zone and the rep's setting (no clock of their own).
 */
import { offsetMinutes } from '../../intents/dates.ts';
import type { QuietHours } from '../../store/store.ts';

const HOUR_MS = 3_600_000;

/** The local hour (0-23) at `ms` in `timeZone`. */
export function localHour(ms: number, timeZone: string): number {
  const local = ms + offsetMinutes(timeZone, new Date(ms)) * 60_000;
  return new Date(local).getUTCHours();
}

/** Whether `ms` falls in the quiet hours (from inclusive, to exclusive; 22-8 wraps midnight). */
export function isQuiet(quiet: QuietHours | null, ms: number, timeZone: string): boolean {
  if (!quiet || quiet.from === quiet.to) return false;
  const hour = localHour(ms, timeZone);
  return quiet.from < quiet.to ? hour >= quiet.from && hour < quiet.to : hour >= quiet.from || hour < quiet.to;
}

/** The first instant after `ms` at which the quiet hours end (local `to`:00), or `ms` when not quiet. */
export function quietEnd(quiet: QuietHours | null, ms: number, timeZone: string): number {
  if (!isQuiet(quiet, ms, timeZone)) return ms;
  const offset = offsetMinutes(timeZone, new Date(ms)) * 60_000;
  // Walk whole local hours from the start of the current one until the clock shows `to`:00.
  let t = ms - ((ms + offset) % HOUR_MS);
  for (let i = 0; i < 26; i++) {
    t += HOUR_MS;
    if (!isQuiet(quiet, t, timeZone)) return t;
  }
  return ms + 24 * HOUR_MS;
}

/**
 * When a reminder was meant to reach the rep: its due time, or the end of the quiet hours it
 * fell in (a reminder held back overnight on purpose is not late).
 */
export function expectedAt(dueAt: number, quiet: QuietHours | null, timeZone: string): number {
  return quietEnd(quiet, dueAt, timeZone);
}

/** Parses quiet hours as typed: "22-8", "22:00-08:00", "22点-8点", "22至8", "22~8". */
export function parseQuietHours(text: string): QuietHours | undefined {
  const match = /^(\d{1,2})(?:[:：]00)?\s*(?:点|點|h)?\s*(?:-|–|—|~|～|至|到|to)\s*(\d{1,2})(?:[:：]00)?\s*(?:点|點|h)?$/i.exec(text.normalize('NFKC').trim());
  if (!match) return undefined;
  const from = Number(match[1]);
  const to = Number(match[2]);
  if (from > 24 || to > 24) return undefined;
  const quiet = { from: from % 24, to: to % 24 };
  return quiet.from === quiet.to ? undefined : quiet;
}
