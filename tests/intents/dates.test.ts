/**
 * Dates reps type, understood for a fixed "now" (Wednesday 25 November 2026, 10:00 in Beijing)
 * and time zone: each row is what a rep writes and the wall-clock time it must mean there.
 */
import { describe, expect, it } from 'vitest';
import { atLocalHour, formatWhen, isTimeZone, offsetMinutes, parseWhen } from '../../intents/dates.ts';

const NOW = new Date('2026-11-25T10:00:00+08:00');
const SHANGHAI = 'Asia/Shanghai';

/** The understood moment as Beijing wall-clock time "YYYY-MM-DD HH:mm". */
function wall(at: Date, timeZone = SHANGHAI): string {
  const f = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
  return f.format(at);
}

// [what the rep typed, the wall-clock time it means, whether a clock time was given]
const TABLE: [string, string, boolean][] = [
  ['周六上午10点', '2026-11-28 10:00', true],
  ['下周三下午两点', '2026-12-02 14:00', true],
  ['明早9点', '2026-11-26 09:00', true],
  // 明早/明晚 are tomorrow even when that hour is still ahead today (chrono alone said today).
  ['明早11点', '2026-11-26 11:00', true],
  ['明晚8点', '2026-11-26 20:00', true],
  ['明早上十点半', '2026-11-26 10:30', true],
  ['明天上午十点', '2026-11-26 10:00', true],
  ['后天下午3点半', '2026-11-27 15:30', true],
  ['今晚8点', '2026-11-25 20:00', true],
  ['这周五晚上7点', '2026-11-27 19:00', true],
  ['這週五晚上7點', '2026-11-27 19:00', true],
  ['11月30日下午2点', '2026-11-30 14:00', true],
  ['12月3号上午9:30', '2026-12-03 09:30', true],
  ['三天后', '2026-11-28', false],
  ['两周后', '2026-12-09', false],
  ['兩週後', '2026-12-09', false],
  ['1周后', '2026-12-02', false],
  ['下周一上午10点', '2026-11-30 10:00', true],
  ['周五3点', '2026-11-27 15:00', true],
  ['明天下午4点', '2026-11-26 16:00', true],
  ['下午三点', '2026-11-25 15:00', true],
  ['礼拜天上午10点', '2026-11-29 10:00', true],
  ['周日早上8点', '2026-11-29 08:00', true],
  ['12月1日 14:00', '2026-12-01 14:00', true],
  ['2026年12月8日上午10点', '2026-12-08 10:00', true],
  ['大后天上午11点', '2026-11-28 11:00', true],
  ['明天中午12点', '2026-11-26 12:00', true],
  ['周四晚上8点半', '2026-11-26 20:30', true],
  ['後天下午兩點', '2026-11-27 14:00', true],
  ['下週二上午十點', '2026-12-01 10:00', true],
  ['明天', '2026-11-26', false],
  ['周六上午10点在门店，大概20分钟', '2026-11-28 10:00', true],
  ['约了下周三下午两点去他们公司', '2026-12-02 14:00', true],
  ['星期五下午三点', '2026-11-27 15:00', true],
  ['明天早上九点半', '2026-11-26 09:30', true],
  ['Tuesday 7pm', '2026-12-01 19:00', true],
  ['tomorrow 10am', '2026-11-26 10:00', true],
  ['in two weeks', '2026-12-09', false],
  ['next Friday at 3', '2026-12-04 15:00', true],
  ['noon tomorrow', '2026-11-26 12:00', true],
  ['Friday 2:30pm', '2026-11-27 14:30', true],
  ['Monday at 9am', '2026-11-30 09:00', true],
  ['tomorrow at 4', '2026-11-26 16:00', true],
  ['Dec 3 at 10am', '2026-12-03 10:00', true],
  ['December 8th 3pm', '2026-12-08 15:00', true],
  ['this Thursday 11am', '2026-11-26 11:00', true],
  ['tonight at 8', '2026-11-25 20:00', true],
  ['in 3 days', '2026-11-28', false],
  ['the day after tomorrow at 2pm', '2026-11-27 14:00', true],
  ['Sunday 10am', '2026-11-29 10:00', true],
  ['Wed 3pm', '2026-11-25 15:00', true],
  ['next Wed 3pm', '2026-12-02 15:00', true],
  ['下周三3点', '2026-12-02 15:00', true],
  ['3pm today', '2026-11-25 15:00', true],
  ['next Tuesday at 2 pm', '2026-12-01 14:00', true],
  ['Saturday 10 am', '2026-11-28 10:00', true],
  ['tomorrow morning 9:30', '2026-11-26 09:30', true],
  ['Monday', '2026-11-30', false],
  ['in a week', '2026-12-02', false],
  ['Friday', '2026-11-27', false],
  ['at 4pm on Thursday', '2026-11-26 16:00', true],
  ['meet Tuesday 7pm at their office', '2026-12-01 19:00', true],
  ['booked a demo for thu 11:00', '2026-11-26 11:00', true],
  ['Nov 30 9am', '2026-11-30 09:00', true],
  ['friday 5pm works for her', '2026-11-27 17:00', true],
];

describe('dates reps type, in Beijing time', () => {
  it('has at least 60 phrasings in both languages', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(60);
    expect(TABLE.filter(([t]) => /\p{Script=Han}/u.test(t)).length).toBeGreaterThanOrEqual(25);
  });

  it.each(TABLE)('%s → %s', (text, expected, hasTime) => {
    const when = parseWhen(text, { now: NOW, timeZone: SHANGHAI });
    expect(when, text).toBeDefined();
    expect(when!.hasTime).toBe(hasTime);
    const got = wall(when!.at);
    expect(hasTime ? got : got.slice(0, 10)).toBe(expected);
  });

  it.each(['等他回复再说', 'sounds good, thanks', '他说太贵了', 'the quote was 3000 per seat'])('finds no date in %s', (text) => {
    expect(parseWhen(text, { now: NOW, timeZone: SHANGHAI })).toBeUndefined();
  });
});

describe('time zones', () => {
  it('reads the same words as wall-clock time of the rep’s zone', () => {
    const ny = parseWhen('tomorrow 10am', { now: NOW, timeZone: 'America/New_York' });
    expect(wall(ny!.at, 'America/New_York')).toBe('2026-11-25 10:00'); // still the 24th in New York at NOW
    const london = parseWhen('明天上午10点', { now: NOW, timeZone: 'Europe/London' });
    expect(wall(london!.at, 'Europe/London')).toBe('2026-11-26 10:00');
  });

  it('knows the offset, with summer time', () => {
    expect(offsetMinutes(SHANGHAI, NOW)).toBe(480);
    expect(offsetMinutes('Europe/Berlin', new Date('2026-07-01T12:00:00Z'))).toBe(120);
    expect(offsetMinutes('Europe/Berlin', new Date('2026-01-01T12:00:00Z'))).toBe(60);
    expect(isTimeZone('Asia/Taipei')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });

  it('reads the moment back for a confirmation', () => {
    const at = new Date('2026-11-28T10:00:00+08:00');
    expect(formatWhen(at, SHANGHAI, 'zh')).toBe('11月28日周六 10:00');
    expect(formatWhen(at, SHANGHAI, 'en')).toBe('Sat 28 Nov, 10:00');
  });

  it('places a follow-up at a local hour some days on, across a summer-time change', () => {
    // 23:30 on Monday in Shanghai is still Monday there: three days on at 10:00 is Thursday 10:00.
    expect(wall(atLocalHour(new Date('2026-11-30T15:30:00Z'), 3, 10, SHANGHAI), SHANGHAI)).toBe('2026-12-03 10:00');
    expect(wall(atLocalHour(new Date('2026-11-30T01:00:00Z'), 0, 9, SHANGHAI), SHANGHAI)).toBe('2026-11-30 09:00');
    // Berlin moves its clocks on 29 March 2026: 10:00 local is 09:00 UTC before and 08:00 UTC after.
    expect(atLocalHour(new Date('2026-03-27T12:00:00Z'), 3, 10, 'Europe/Berlin').toISOString()).toBe('2026-03-30T08:00:00.000Z');
  });
});
