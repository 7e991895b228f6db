/**
 * What the Telegram adapter reads from an update, as pure functions: who and where (the party),
 * the delivery id, the client's language, a mention of the bot in a group, and the kind of a
 * message that is not text.
 */
import type { Context } from 'grammy';
import type { MessageEntity } from 'grammy/types';
import type { Lang } from '../../data/vocabulary.ts';
import type { Delivery, Inbound } from '../service/coach-service.ts';

/** The language the Telegram client runs in ('zh-hans' → zh), if it says. */
export function langOf(ctx: Pick<Context, 'from'>): Lang | undefined {
  const code = ctx.from?.language_code;
  return code ? (code.toLowerCase().startsWith('zh') ? 'zh' : 'en') : undefined;
}

/** Who wrote, and where. */
export function partyOf(ctx: Pick<Context, 'chat' | 'from'>): Omit<Inbound, 'input'> {
  const chat = ctx.chat!;
  const from = ctx.from!;
  const name = [from.first_name, from.last_name].filter(Boolean).join(' ') || from.username || String(from.id);
  return { channel: 'telegram', chatId: String(chat.id), chatType: chat.type === 'private' ? 'private' : 'group', userId: String(from.id), userName: name };
}

/** The update as a delivery: the service answers each update_id once. */
export function deliveryOf(ctx: Pick<Context, 'update'>): Delivery {
  return { source: 'telegram', updateId: String(ctx.update.update_id) };
}

/**
 * The text of a group message addressed to the bot by a mention entity (`@CoachBot 太贵了` →
 * `太贵了`, possibly empty), or undefined when the message does not mention the bot.
 */
export function mentionedQuote(text: string, entities: readonly MessageEntity[] | undefined, botUsername: string): string | undefined {
  const ours = (entities ?? [])
    .filter((e) => e.type === 'mention' && text.slice(e.offset, e.offset + e.length).toLowerCase() === `@${botUsername.toLowerCase()}`)
    .sort((a, b) => b.offset - a.offset);
  if (!ours.length) return undefined;
  let quote = text;
  for (const e of ours) quote = `${quote.slice(0, e.offset)} ${quote.slice(e.offset + e.length)}`;
  return quote.replace(/\s+/g, ' ').trim();
}

const MEDIA = ['photo', 'sticker', 'voice', 'video', 'document', 'audio', 'location', 'contact', 'animation', 'video_note'];

/** What a message that is not text carries ('photo', 'sticker'…, else 'other'), for the record. */
export function unsupportedKind(message: object): string {
  return Object.keys(message).find((k) => MEDIA.includes(k)) ?? 'other';
}
