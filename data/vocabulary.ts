/**
 * The words every layer shares, at the bottom of the import graph: the classifier's labels,
 * the objection types, the languages, and who and where a message is about (`Party`).
 * `data/`, `intents/`, `dialogs/` and `store/` may all import this module; it imports nothing.
 */

/** The four labels the classifier answers with; the first three are objections. */
export const LABELS = ['timing', 'deal_size', 'trust', 'none'] as const;
export type Label = (typeof LABELS)[number];
export const OBJECTIONS = ['timing', 'deal_size', 'trust'] as const;
export type Objection = (typeof OBJECTIONS)[number];

/** The languages the bot speaks. */
export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** Who and where: the rep and the chat a message, a session or an audit row is about. */
export interface Party {
  /** telegram, msteams or console. */
  channel: string;
  chatId: string;
  /** private, group, channel (Teams) or console. */
  chatType: string;
  userId: string;
  userName: string;
}

const HAN = /\p{Script=Han}/gu;
const LATIN_WORD = /[a-z]+/gi;

/**
 * The language a rep wrote in: Chinese when Han characters outnumber Latin words
 * ("价格有点high" is zh, "the 老板 never shows up" is en). Text with neither is English.
 */
export function detectLanguage(text: string): Lang {
  const han = text.match(HAN)?.length ?? 0;
  const words = text.match(LATIN_WORD)?.length ?? 0;
  return han > 0 && han >= words ? 'zh' : 'en';
}
