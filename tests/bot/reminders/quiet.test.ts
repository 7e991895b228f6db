/**
 * Quiet hours in the rep's local time: which instants they cover (wrapping midnight or not),
 * when they end (across a daylight-saving change too), and how reps type them.
 */
import { describe, expect, it } from 'vitest';
import { expectedAt, isQuiet, parseQuietHours, quietEnd } from '../../../bot/reminders/quiet.ts';

const at = (iso: string) => Date.parse(iso);

describe('quiet hours', () => {
  const night = { from: 22, to: 8 };

  it('cover the local hours from-to, wrapping midnight, in the given zone', () => {
    expect(isQuiet(night, at('2026-11-27T14:00:00Z'), 'Asia/Shanghai')).toBe(true); // 22:00 there
    expect(isQuiet(night, at('2026-11-27T13:59:00Z'), 'Asia/Shanghai')).toBe(false); // 21:59
    expect(isQuiet(night, at('2026-11-27T23:59:00Z'), 'Asia/Shanghai')).toBe(true); // 07:59
    expect(isQuiet(night, at('2026-11-28T00:00:00Z'), 'Asia/Shanghai')).toBe(false); // 08:00
    expect(isQuiet(night, at('2026-11-28T00:00:00Z'), 'UTC')).toBe(true); // midnight in UTC
    expect(isQuiet({ from: 12, to: 14 }, at('2026-11-27T05:30:00Z'), 'Asia/Shanghai')).toBe(true); // 13:30, a lunch break
    expect(isQuiet({ from: 12, to: 14 }, at('2026-11-27T06:00:00Z'), 'Asia/Shanghai')).toBe(false);
    expect(isQuiet(null, at('2026-11-27T16:00:00Z'), 'Asia/Shanghai')).toBe(false);
  });

  it('end at the next local `to` o\u2019clock', () => {
    expect(new Date(quietEnd(night, at('2026-11-27T15:30:00Z'), 'Asia/Shanghai')).toISOString()).toBe('2026-11-28T00:00:00.000Z');
    expect(new Date(quietEnd(night, at('2026-11-27T23:10:00Z'), 'Asia/Shanghai')).toISOString()).toBe('2026-11-28T00:00:00.000Z');
    // India is 5:30 ahead: 08:00 there is 02:30 UTC.
    expect(new Date(quietEnd(night, at('2026-11-27T20:00:00Z'), 'Asia/Kolkata')).toISOString()).toBe('2026-11-28T02:30:00.000Z');
    // The night the clocks go back in New York (1 Nov 2026): 08:00 EST is 13:00 UTC.
    expect(new Date(quietEnd(night, at('2026-11-01T03:00:00Z'), 'America/New_York')).toISOString()).toBe('2026-11-01T13:00:00.000Z');
    const awake = at('2026-11-27T04:00:00Z');
    expect(quietEnd(night, awake, 'Asia/Shanghai')).toBe(awake);
  });

  it('make a reminder due in them expected at their end (so it is not "late" then)', () => {
    expect(expectedAt(at('2026-11-27T15:30:00Z'), night, 'Asia/Shanghai')).toBe(at('2026-11-28T00:00:00Z'));
    expect(expectedAt(at('2026-11-27T04:00:00Z'), night, 'Asia/Shanghai')).toBe(at('2026-11-27T04:00:00Z'));
  });

  it.each([
    ['22-8', { from: 22, to: 8 }],
    ['22:00-08:00', { from: 22, to: 8 }],
    ['22点-8点', { from: 22, to: 8 }],
    ['22點至8點', { from: 22, to: 8 }],
    ['２２～７', { from: 22, to: 7 }],
    ['12 to 14', { from: 12, to: 14 }],
    ['0-7', { from: 0, to: 7 }],
    ['23-24', { from: 23, to: 0 }],
  ])('reads "%s"', (text, expected) => {
    expect(parseQuietHours(text)).toEqual(expected);
  });

  it.each(['', '22', '25-8', '8-8', 'night', '22-8-9', '-1-8'])('refuses "%s"', (text) => {
    expect(parseQuietHours(text)).toBeUndefined();
  });
});
