/**
 * data/followups.yaml: the shipped file loads, its intervals fit the walks' needs, and a broken
 * edit is refused with the file, the line and what is wrong — an unknown placeholder, a
 * placeholder a customer message may not carry, a customer message too long, a missing text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fillFollowup, loadFollowups } from '../../data/followups.ts';
import { PlaybookError } from '../../data/playbook.ts';
import { lineOf, playbookCopy, ROOT } from '../helpers.ts';

const shipped = readFileSync(join(ROOT, 'data', 'followups.yaml'), 'utf8');

function errorOf(edit: (text: string) => string): PlaybookError {
  const dir = playbookCopy({ 'followups.yaml': edit });
  try {
    loadFollowups(join(dir, 'followups.yaml'));
  } catch (err) {
    if (err instanceof PlaybookError) return err;
    throw err;
  }
  throw new Error('the edited file loaded');
}

describe('data/followups.yaml', () => {
  it('loads, with every text in both languages and the intervals the coach plans with', () => {
    const f = loadFollowups();
    expect(f.recontact.after_days).toBeGreaterThanOrEqual(1);
    expect(f.meeting_day.hour).toBeLessThan(12);
    for (const need of ['general', 'special', 'social', 'any'] as const) {
      expect(f.recontact.openers[need].zh).toContain('{{alias}}');
      expect(f.recontact.openers[need].en).toContain('{{alias}}');
    }
    expect(fillFollowup(f.meeting_day.confirmation.en, { alias: 'Acme', what: 'trial', time: '10:00' })).toMatch(/^Hi Acme, just confirming our trial today at 10:00\./);
  });

  it('names the file and line of an unknown placeholder', () => {
    const err = errorOf((text) => text.replace('{{alias}}说“再看看”', '{{customer}}说“再看看”'));
    expect(err.message).toMatch(/^followups\.yaml:\d+:\d+: recontact\.text\.zh: unknown placeholder \{\{customer\}\}/);
    expect(err.line).toBe(lineOf(shipped, '说“再看看”已经'));
  });

  it('refuses a rep-only placeholder in a message to the customer, and a customer message too long', () => {
    const days = errorOf((text) => text.replace('上次说的事我一直放在心上', '过了{{days}}天我一直放在心上'));
    expect(days.path).toBe('repropose.message.zh');
    expect(days.problem).toContain('unknown placeholder {{days}}');
    const long = errorOf((text) => text.replace('Hi {{alias}}, I\'ve kept what we discussed in mind.', `Hi {{alias}}, ${'really '.repeat(60)}`));
    expect(long.path).toBe('repropose.message.en');
    expect(long.problem).toMatch(/at most 400 characters/);
  });

  it('refuses a missing language and an interval out of range', () => {
    const missing = errorOf((text) => text.replace(/\n    en: "🤝 How did the[^\n]*/, ''));
    expect(missing.path).toBe('outcome.text.en');
    const range = errorOf((text) => text.replace('snooze_days: 1', 'snooze_days: 0'));
    expect(range.path).toBe('snooze_days');
    expect(range.line).toBe(lineOf(shipped, 'snooze_days: 1'));
  });
});
