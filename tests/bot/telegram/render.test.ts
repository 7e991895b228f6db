/**
 * Telegram rendering (bot/telegram/render.ts) and what the adapter reads from an update
 * (bot/telegram/inbound.ts): pure functions, no bot, no network.
 */
import { describe, expect, it } from 'vitest';
import { mentionedQuote, unsupportedKind } from '../../../bot/telegram/inbound.ts';
import { continueLink, deepLinkSource, escapeHtml, notice, pressedMark, renderAnswer, renderGroupAnswer, splitText, textMessages, toKeyboard, type SendMessage } from '../../../bot/telegram/render.ts';
import type { OutboundReply } from '../../../bot/service/coach-service.ts';

const texts = (sends: ReturnType<typeof renderAnswer>) => sends.map((s) => [s.chatId, s.method === 'sendMessage' ? s.text : `file:${s.filename}`]);

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

  it('bolds the head line of a reply, escaped, and puts the keyboard on the last piece of a long one', () => {
    const [one] = textMessages(1, 'Step <1>\nbody & more', [{ label: 'Next', action: 'next' }]);
    expect(one!.text).toBe('<b>Step &lt;1&gt;</b>\nbody &amp; more');
    expect(one!.options.parse_mode).toBe('HTML');
    const long = textMessages(1, `Head\n${'line\n'.repeat(1500)}`, [{ label: 'Next', action: 'next' }]);
    expect(long.length).toBe(2);
    expect(long[0]!.options.reply_markup).toBeUndefined();
    expect(long[1]!.options.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual(['Next']);
    expect(long[1]!.text.startsWith('<b>')).toBe(false);
  });

  it('marks a pressed button with its label, or its action when the keyboard did not come along', () => {
    const keyboard = toKeyboard([{ label: 'Start coaching ▶', action: 'go' }, { label: 'Other type', action: 'fix' }]);
    expect(pressedMark(keyboard, 'go').inline_keyboard).toEqual([[{ text: '✓ Start coaching ▶', callback_data: 'noop' }]]);
    expect(pressedMark(undefined, 'go').inline_keyboard).toEqual([[{ text: '✓ go', callback_data: 'noop' }]]);
  });
});

describe('Telegram: a turn\'s replies as Bot API calls', () => {
  const post: OutboundReply = { kind: 'team_post', text: '📣 Team share\nbody' };
  const confirmation: OutboundReply = { kind: 'share_confirmation', text: '✅ Shared with your team.' };

  it('sends a team post to the group the walk came from, else the team chat, with the confirmation to the rep', () => {
    expect(texts(renderAnswer([{ ...post, teamChat: '-100600' }, confirmation], { chatId: 5, lang: 'en', teamChatId: '-100999' }))).toEqual([
      ['-100600', '<b>📣 Team share</b>\nbody'],
      [5, '✅ Shared with your team.'],
    ]);
    expect(texts(renderAnswer([post, confirmation], { chatId: 5, lang: 'en', teamChatId: '-100999' }))[0]![0]).toBe('-100999');
  });

  it('with no team chat, says nothing was shared, in the rep\'s language, and confirms nothing', () => {
    expect(texts(renderAnswer([post, confirmation], { chatId: 5, lang: 'zh' }))).toEqual([[5, '还没有设置团队群（TEAM_CHAT_ID），这次没有分享出去。']]);
    expect(texts(renderAnswer([post, confirmation], { chatId: 5, lang: 'en' }))).toEqual([[5, 'No team group is set up (TEAM_CHAT_ID), so nothing was shared.']]);
  });

  it('sends a file after the note it belongs to, and says which reply each call renders', () => {
    const sends = renderAnswer([{ kind: 'message', text: 'Exported 3 rows (csv)', attachment: { filename: 'audit.csv', mimeType: 'text/csv', content: 'a,b' } }], { chatId: 7, lang: 'en' });
    expect(texts(sends)).toEqual([[7, 'Exported 3 rows (csv)'], [7, 'file:audit.csv']]);
    expect(sends.map((s) => s.reply)).toEqual([0, 0]);
  });

  it('answers a group mention briefly, quoting it, with a link to continue in private', () => {
    const [answer] = renderGroupAnswer([{ kind: 'message', text: '💰 Deal size\n💡 Mine the buying habits' }], { chatId: -100500, messageId: 9, lang: 'zh', botUsername: 'CoachBot' }) as SendMessage[];
    expect(answer!.options.reply_parameters).toEqual({ message_id: 9, allow_sending_without_reply: true });
    expect(answer!.options.reply_markup?.inline_keyboard).toEqual([[{ text: '私聊继续辅导 ▶', url: 'https://t.me/CoachBot?start=g-100500' }]]);
  });

  it('reads the deep link it builds back, and nothing else', () => {
    const payload = new URL(continueLink('CoachBot', -100500)).searchParams.get('start')!;
    expect(deepLinkSource(payload)).toBe('-100500');
    expect(deepLinkSource('')).toBeUndefined();
    expect(deepLinkSource('g12x')).toBeUndefined();
    expect(deepLinkSource('promo')).toBeUndefined();
  });

  it('sends a notice escaped, without formatting', () => {
    expect(notice(1, '<x> & y').text).toBe('&lt;x&gt; &amp; y');
  });
});

describe('Telegram: what is read from an update', () => {
  it('finds the bot by its mention entity, whatever the case, and strips every mention of it', () => {
    const text = '@coachbot 客户说 @CoachBot 太贵了';
    const entities = [
      { type: 'mention' as const, offset: 0, length: 9 },
      { type: 'mention' as const, offset: 14, length: 9 },
    ];
    expect(mentionedQuote(text, entities, 'CoachBot')).toBe('客户说 太贵了');
    expect(mentionedQuote('@CoachBot', [{ type: 'mention', offset: 0, length: 9 }], 'CoachBot')).toBe('');
  });

  it('does not take a mention of another bot, or a name typed without an entity, as addressed to it', () => {
    expect(mentionedQuote('@OtherBot too expensive', [{ type: 'mention', offset: 0, length: 9 }], 'CoachBot')).toBeUndefined();
    expect(mentionedQuote('@CoachBot too expensive', [], 'CoachBot')).toBeUndefined();
    expect(mentionedQuote('@CoachBotter hi', [{ type: 'mention', offset: 0, length: 12 }], 'CoachBot')).toBeUndefined();
  });

  it('names what a message that is not text carries', () => {
    expect(unsupportedKind({ message_id: 1, sticker: {} })).toBe('sticker');
    expect(unsupportedKind({ message_id: 1, poll: {} })).toBe('other');
  });
});
