/**
 * The manager's time zone: which one a request asks for (`?tz=`, then the `coach_tz` cookie the
 * page's script sets from the browser's Intl zone, then TEAM_TIMEZONE, then UTC), and times shown,
 * bucketed and parsed in it.
 */
export const TZ_COOKIE = 'coach_tz';

const formats = new Map<string, Intl.DateTimeFormat>();

/** The canonical name of an IANA time zone, or undefined when `name` is not one. */
export function validZone(name: unknown): string | undefined {
  if (typeof name !== 'string' || name.length === 0 || name.length > 64) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** The team's default zone: TEAM_TIMEZONE when it names a real zone, otherwise UTC. */
export function defaultZone(env: NodeJS.ProcessEnv = process.env): string {
  return validZone(env.TEAM_TIMEZONE?.trim()) ?? 'UTC';
}

function partsIn(zone: string, ms: number): Record<string, string> {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formats.set(zone, format);
  }
  return Object.fromEntries(format.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
}

/** Minutes `zone` is ahead of UTC at the instant `ms` (+480 for Asia/Shanghai). */
export function offsetMinutes(zone: string, ms: number): number {
  const p = partsIn(zone, ms);
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

/** "UTC+08:00", "UTC−03:30", "UTC". */
export function offsetLabel(minutes: number): string {
  if (minutes === 0) return 'UTC';
  const abs = Math.abs(minutes);
  return `UTC${minutes > 0 ? '+' : '−'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** `ms` as "YYYY-MM-DD HH:mm" (with `seconds`, ":ss") on the clock of `zone`. */
export function formatIn(zone: string, ms: number, seconds = false): string {
  const p = partsIn(zone, ms);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}${seconds ? `:${p.second}` : ''}`;
}

/** The instant a calendar day ("YYYY-MM-DD") begins in `zone`, or undefined for a malformed day. */
export function startOfDay(day: string | undefined, zone: string): number | undefined {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(utcMidnight)) return undefined;
  // Two rounds settle a day whose offset differs from the previous day's (a DST change).
  let guess = utcMidnight - offsetMinutes(zone, utcMidnight) * 60_000;
  guess = utcMidnight - offsetMinutes(zone, guess) * 60_000;
  return guess;
}
