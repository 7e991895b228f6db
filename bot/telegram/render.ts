/**
 * How the coach's replies look on Telegram, as pure functions: each turns channel-neutral
 * replies into the Bot API calls to make (`TelegramSend`), which the adapter only executes.
 *
 * - Texts use HTML parse mode: what the engine and the rep wrote is escaped, the first line of
 *   a reply that heads more lines is bold; a text over 4096 characters is split at line breaks,
 *   the keyboard going with the last piece.
 * - Buttons become an inline keyboard: choices one per row, navigation (why, back, next, skip)
 *   together on the last row. A pressed button's keyboard becomes one "✓ choice" mark.
 * - A team post goes to the group the walk came from, else TEAM_CHAT_ID; with neither, the rep
 *   is told nothing was shared (and gets no "shared" confirmation).
 * - In a group, a mention gets short answers quoting it, with a deep link to continue in
 *   private (`?start=g<chat id>`); `deepLinkSource` reads that link back.
 *
 * HTML with a three-character escape is all the formatting needed (one bold line); grammY's
 * formatting helpers live in @grammyjs/parse-mode, a dependency this does not need.
 */
import { InlineKeyboard } from 'grammy';
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import type { Lang } from '../../data/vocabulary.ts';
import { isNavigation } from '../../dialogs/actions.ts';
import type { Button } from '../../dialogs/engine.ts';
import { CHANNEL_MESSAGES } from '../channels/messages.ts';
import type { OutboundReply } from '../service/coach-service.ts';

/** Telegram's limit on one message's text. */
export const TELEGRAM_TEXT_LIMIT = 4096;

/** The callback data of the "✓ choice" mark: pressing it does nothing. */
export const NOOP_ACTION = 'noop';

export interface SendMessage {
  method: 'sendMessage';
  chatId: number | string;
  text: string;
  options: {
    parse_mode: 'HTML';
    link_preview_options?: { is_disabled: true };
    reply_markup?: InlineKeyboardMarkup;
    reply_parameters?: { message_id: number; allow_sending_without_reply: true };
  };
  /** The index of the reply this renders (a rendering the adapter adds on its own has none). */
  reply?: number;
}

export interface SendDocument {
  method: 'sendDocument';
  chatId: number | string;
  filename: string;
  content: string;
  reply?: number;
}

/** One Bot API call the adapter makes. */
export type TelegramSend = SendMessage | SendDocument;

/** Escapes text for Telegram's HTML parse mode (the three characters it requires). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Splits text into pieces of at most `limit` characters, at line breaks where possible. */
export function splitText(text: string, limit = TELEGRAM_TEXT_LIMIT): string[] {
  const pieces: string[] = [];
  let rest = text;
  while ([...rest].length > limit) {
    const chars = [...rest];
    const window = chars.slice(0, limit).join('');
    let cut = window.lastIndexOf('\n');
    if (cut < limit / 2) cut = window.lastIndexOf(' ');
    if (cut < limit / 2) cut = window.length;
    pieces.push(window.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n/, '');
  }
  if (rest.length || pieces.length === 0) pieces.push(rest);
  return pieces;
}

/** HTML for one piece of a reply: escaped, the first line in bold when it heads more lines. */
export function toHtml(piece: string, first = true): string {
  if (!first || !piece.includes('\n')) return escapeHtml(piece);
  const [head, ...rest] = piece.split('\n');
  return [`<b>${escapeHtml(head!)}</b>`, ...rest.map(escapeHtml)].join('\n');
}

/** The engine's buttons as an inline keyboard: choices one per row, navigation on one row. */
export function toKeyboard(buttons: Button[]): InlineKeyboard {
  const rows: InlineKeyboardButton[][] = [];
  const nav: InlineKeyboardButton[] = [];
  for (const b of buttons) {
    const button = InlineKeyboard.text(b.label, b.action);
    if (isNavigation(b.action)) nav.push(button);
    else rows.push([button]);
  }
  if (nav.length) rows.push(nav);
  return new InlineKeyboard(rows);
}

/** The keyboard that replaces a pressed one: a single "✓ label" that does nothing. */
export function pressedMark(keyboard: InlineKeyboardMarkup | undefined, action: string): InlineKeyboard {
  const pressed = keyboard?.inline_keyboard.flat().find((b) => 'callback_data' in b && b.callback_data === action);
  return new InlineKeyboard().text(`✓ ${pressed?.text ?? action}`, NOOP_ACTION);
}

/** A text as messages to `chatId` (split when long), the buttons on the last one. */
export function textMessages(chatId: number | string, text: string, buttons?: Button[], reply?: number): SendMessage[] {
  const pieces = splitText(text);
  return pieces.map((piece, i) => ({
    method: 'sendMessage',
    chatId,
    text: toHtml(piece, i === 0),
    options: {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      ...(i === pieces.length - 1 && buttons?.length ? { reply_markup: toKeyboard(buttons) } : {}),
    },
    ...(reply === undefined ? {} : { reply }),
  }));
}

/**
 * The calls for a turn's replies in a private chat (or a group command): messages to the chat,
 * a file after the text it belongs to, a team post to its group or `teamChatId`.
 */
export function renderAnswer(replies: OutboundReply[], where: { chatId: number | string; lang: Lang; teamChatId?: string }): TelegramSend[] {
  const post = replies.find((r) => r.kind === 'team_post');
  const teamTarget = post?.kind === 'team_post' ? (post.teamChat ?? where.teamChatId) : undefined;
  return replies.flatMap((reply, index): TelegramSend[] => {
    if (reply.kind === 'team_post') {
      return teamTarget ? textMessages(teamTarget, reply.text, undefined, index) : textMessages(where.chatId, CHANNEL_MESSAGES[where.lang].noTeamChat, undefined, index);
    }
    // Nothing was posted: no "shared with your team".
    if (reply.kind === 'share_confirmation' && post && !teamTarget) return [];
    const sends: TelegramSend[] = textMessages(where.chatId, reply.text, reply.buttons, index);
    if (reply.attachment) sends.push({ method: 'sendDocument', chatId: where.chatId, filename: reply.attachment.filename, content: reply.attachment.content, reply: index });
    return sends;
  });
}

/** The private chat link that carries a group's quote over (`/start g<chat id>`). */
export function continueLink(botUsername: string, groupChatId: number | string): string {
  return `https://t.me/${botUsername}?start=g${groupChatId}`;
}

/** The group chat a `/start` payload came from (`g-100500` → `-100500`), if it is one of ours. */
export function deepLinkSource(payload: string): string | undefined {
  return /^g(-?\d+)$/.exec(payload.trim())?.[1];
}

/** The calls for the short answers to a mention in a group: each quotes it and links to the private chat. */
export function renderGroupAnswer(replies: OutboundReply[], where: { chatId: number | string; messageId: number; lang: Lang; botUsername: string }): TelegramSend[] {
  const link = continueLink(where.botUsername, where.chatId);
  return replies.map((reply, index) => ({
    method: 'sendMessage',
    chatId: where.chatId,
    text: toHtml(reply.text, true),
    options: {
      parse_mode: 'HTML',
      reply_parameters: { message_id: where.messageId, allow_sending_without_reply: true },
      reply_markup: new InlineKeyboard().url(CHANNEL_MESSAGES[where.lang].continuePrivately, link),
    },
    reply: index,
  }));
}

/** A plain text of the channel's own (a hint, a failure) as one message. */
export function notice(chatId: number | string, text: string): SendMessage {
  return { method: 'sendMessage', chatId, text: escapeHtml(text), options: { parse_mode: 'HTML' } };
}
