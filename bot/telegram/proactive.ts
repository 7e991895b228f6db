/**
 * Reminders on Telegram: a proactive message to the rep's private chat (a Telegram user's
 * private chat has the user's id) through the Bot API, rendered as the adapter renders any
 * reply — HTML, split at 4096 characters, the buttons as an inline keyboard whose presses come
 * back to the adapter like any other. A refusal that retrying cannot fix (the rep blocked the
 * bot or never opened a chat with it: 403, 400) is reported as permanent.
 */
import { GrammyError, type Bot } from 'grammy';
import { ProactiveError, type ProactiveSender } from '../channels/proactive.ts';
import { splitText, toHtml, toKeyboard } from './render.ts';

export function telegramSender(bot: Bot): ProactiveSender {
  return {
    async send(target, message) {
      const pieces = splitText(message.text);
      try {
        for (const [i, piece] of pieces.entries()) {
          const last = i === pieces.length - 1;
          await bot.api.sendMessage(target.userId, toHtml(piece, i === 0), {
            parse_mode: 'HTML',
            link_preview_options: { is_disabled: true },
            ...(last && message.buttons?.length ? { reply_markup: toKeyboard(message.buttons) } : {}),
          });
        }
      } catch (err) {
        if (err instanceof GrammyError && (err.error_code === 403 || err.error_code === 400)) {
          throw new ProactiveError(`Telegram refused the message (${err.error_code}: ${err.description.slice(0, 120)})`, { permanent: true, cause: err });
        }
        throw err;
      }
    },
  };
}
