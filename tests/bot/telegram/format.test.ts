import { describe, expect, it } from 'vitest';
import { escapeHtml, splitText, toKeyboard } from '../../../bot/telegram/adapter.ts';

describe('Telegram formatting', () => {
  it('escapes the three characters HTML parse mode needs escaped', () => {
    expect(escapeHtml('a < b && c > d *_[x]')).toBe('a &lt; b &amp;&amp; c &gt; d *_[x]');
  });

  it('splits text over 4096 characters at line breaks, losing nothing', () => {
    const lines = Array.from({ length: 300 }, (_, i) => `line ${i} ${'字'.repeat(20)}`);
    const text = lines.join('\n');
    const pieces = splitText(text);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect([...piece].length).toBeLessThanOrEqual(4096);
    expect(pieces.join('\n')).toBe(text);
    expect(splitText('short')).toEqual(['short']);
  });

  it('splits a text with no line breaks too', () => {
    const pieces = splitText('x'.repeat(9000));
    expect(pieces.map((p) => p.length)).toEqual([4096, 4096, 808]);
  });

  it('lays out choices one per row and navigation on one row', () => {
    const keyboard = toKeyboard([
      { label: 'General', action: 'c:general' },
      { label: 'Special', action: 'c:special' },
      { label: 'Why?', action: 'why' },
      { label: '◀ Back', action: 'back' },
    ]);
    expect(keyboard.inline_keyboard.map((row) => row.map((b) => b.text))).toEqual([['General'], ['Special'], ['Why?', '◀ Back']]);
  });
});
