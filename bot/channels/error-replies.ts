/**
 * What a rep is told when their message could not be handled: what happened and what to do,
 * in their language — one text per kind of failure, not one "try again" for all of them.
 *
 * - busy: the same chat's session kept changing under us (a burst of messages, two instances);
 * - storage: the database did not answer or refused the write, so nothing was answered;
 * - delivery: the chat platform refused or did not take our reply;
 * - internal: anything else (a bug): nothing was done with the message.
 */
import type { Lang } from '../../data/playbook.ts';

export type FailureKind = 'busy' | 'storage' | 'delivery' | 'internal';

export const FAILURE_TEXT: Record<Lang, Record<FailureKind, string>> = {
  zh: {
    busy: '几条消息同时到达，这一条没来得及按顺序处理。请把它再发一次。',
    storage: '暂时无法保存你的消息（数据库没有响应），所以还没有回复。请过一分钟再发一次。',
    delivery: '我的回复没能发送出去。请再发一次你的消息。',
    internal: '处理这条消息时我这边出了错，消息没有被处理。请再试一次或换个说法；一直这样的话请告诉你的经理。',
  },
  en: {
    busy: 'Several messages arrived at once and this one could not be handled in order. Please send it again.',
    storage: 'I could not save your message (the database is not answering), so I have not answered it. Please send it again in a minute.',
    delivery: 'My reply could not be delivered. Please send your message again.',
    internal: 'Something went wrong on my side with this message; nothing was done with it. Please try again or rephrase it — if it keeps happening, tell your manager.',
  },
};

// SQLSTATE classes of PostgreSQL that mean "the database is unavailable or refused the write".
const SQLSTATE = /^(08|25|40|53|57|58)[0-9A-Z]{3}$/;
const NETWORK = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH)$/;

/** Which kind of failure `err` is (grammY's BotError is looked through to its cause). */
export function failureKind(err: unknown): FailureKind {
  let e = err as { name?: unknown; code?: unknown; error?: unknown; ctx?: unknown; message?: unknown } | null;
  if (e && typeof e === 'object' && e.ctx && 'error' in e) e = e.error as typeof e;
  if (!e || typeof e !== 'object') return 'internal';
  const name = typeof e.name === 'string' ? e.name : '';
  const code = typeof e.code === 'string' ? e.code : '';
  if (name === 'ConcurrencyError') return 'busy';
  if (name === 'GrammyError' || name === 'HttpError' || name === 'DeliveryError') return 'delivery';
  if (code.startsWith('ERR_SQLITE') || code.startsWith('SQLITE_') || SQLSTATE.test(code) || NETWORK.test(code)) return 'storage';
  if (typeof e.message === 'string' && /database is locked|connection terminated|too many clients|kysely/i.test(e.message)) return 'storage';
  return 'internal';
}

/** The text to send a rep after `err`, in `lang`. */
export function failureText(err: unknown, lang: Lang): string {
  return FAILURE_TEXT[lang][failureKind(err)];
}

/** The rep's language for an error reply: their session's when it says Chinese, else the client's hint, else the text's script. */
export async function failureLanguage(hint: Lang | undefined, sessionLang: () => Promise<Lang>, text?: string): Promise<Lang> {
  const session = await sessionLang().catch(() => undefined);
  if (session === 'zh') return 'zh';
  if (hint) return hint;
  return text && /\p{Script=Han}/u.test(text) ? 'zh' : 'en';
}
