/**
 * Text around the walk that is not a customer quote: acknowledgements ("ok", "好的", "已发送")
 * continue or re-show where the rep is; a bare number with no button to answer and an emoji-only
 * message get a short hint; and a rep writing traditional Chinese gets replies converted to it
 * (opencc cn→tw), only while they write traditional.
 */
import { createRequire } from 'node:module';
import { toSimplified } from '../intents/simplified.ts';
import { showSwitchQuestion } from './classify.ts';
import { markSent } from './deal-views.ts';
import { currentDeal } from './deals.ts';
import { showCurrent, showOutcomeQuestion, showStep } from './present.ts';
import type { Turn } from './turn.ts';
import type { Reply } from './types.ts';
import { next } from './walk.ts';
import { confirmWhen } from './when.ts';

const ACKS = new Set(
  [
    '好', '好的', '好滴', '好嘞', '嗯', '嗯嗯', '行', '可以', '对', '对的', '没错', '是的', '收到', '知道了', '明白', '明白了', '了解', '谢谢', '已发', '已发送', '发了', '发过了', '发送了', '下一步', '继续',
    'ok', 'okay', 'okk', 'k', 'kk', 'next', 'sent', 'done', 'got it', 'thanks', 'thank you', 'thx', 'yes', 'yep', 'sure', 'cool', 'fine', 'continue', 'go on',
  ].map((w) => w.toLowerCase()),
);

/** What a rep types to rewrite a flagged answer instead of pressing "Edit" ("改一下", "let me rewrite it"). */
const EDITS = new Set(
  ['改', '改一下', '改下', '我改', '我改一下', '修改', '修改一下', '重写', '重新写', '我重新写', '换个说法', '换一下', '编辑', 'edit', 'edit it', 'rewrite', 'rewrite it', 'let me rewrite', 'let me rewrite it', "i'll rewrite it", 'change it', 'let me change it', 'redo', 'fix it', 'let me fix it'].map((w) => w.toLowerCase()),
);

/** Whether the text asks to rewrite the flagged answer (never a promise of its own). */
export function isEditRequest(text: string): boolean {
  return EDITS.has(plain(text));
}

/** The text as an acknowledgement is compared: lower case, without punctuation, emoji or spaces at the ends. */
function plain(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\p{P}\p{S}\s]+/gu, ' ').trim();
}

/** Whether the text only acknowledges ("ok", "好的", "已发送 👍"). */
export function isAcknowledgement(text: string): boolean {
  return ACKS.has(plain(text));
}

/** At a step with a Next button, moves on; at any other step, shows it again — never a new quote. */
export function acknowledge(turn: Turn): void {
  const state = turn.state;
  if (state.mode === 'walk') {
    // "ok" / "好的" / "next" at "did I get the date right?": yes, it is right.
    if (state.walk.when && !state.walk.when.confirmed) return confirmWhen(turn, true);
    const step = turn.current(state.walk);
    if (!step.ask && !step.choices && !step.options) return next(turn);
    turn.say(turn.m.ackAtQuestion);
    return showStep(turn, state.walk);
  }
  if (state.mode === 'outcome') {
    // "sent" / "已发送" at the walk's end: the message went out (the outcome is asked after it).
    const deal = currentDeal(turn);
    return deal && !deal.sent && !deal.closed ? markSent(turn, deal) : showOutcomeQuestion(turn);
  }
  if (state.mode === 'idle') return turn.say(turn.m.ackIdle);
  // A question is waiting (switch to the new quote? the type? the industry?): say so, and ask it again.
  turn.say(turn.m.ackAtQuestion);
  if (state.mode === 'switch') return showSwitchQuestion(turn);
  showCurrent(turn);
}

/** A number with no button it could press ("1" when nothing is offered, "7" for three buttons). */
export function isBareNumber(text: string): boolean {
  return /^\d{1,6}$/u.test(text.normalize('NFKC').trim());
}

/** Only emoji (and spaces or punctuation). */
export function isEmojiOnly(text: string): boolean {
  return /\p{Extended_Pictographic}/u.test(text) && !/[\p{L}\p{N}]/u.test(text.replace(/[\u{1F1E6}-\u{1F1FF}]/gu, ''));
}

/**
 * simplified → traditional, loaded and built on first use: its module is 1.1 MB of tables and the
 * converter ≈ 95 MB and a second or two to build, which a process whose reps all write
 * simplified never needs.
 */
let traditionalConverter: ((text: string) => string) | undefined;
function toTraditional(text: string): string {
  const convert = (traditionalConverter ??= (createRequire(import.meta.url)('opencc-js/cn2t') as typeof import('opencc-js/cn2t')).Converter({ from: 'cn', to: 'tw' }));
  return convert(text);
}

/**
 * Notes from a Chinese text whether the rep writes traditional characters: yes when converting it
 * to simplified changes it, no when converting it to traditional does (text that reads the same
 * in both, like "好的", changes nothing).
 */
export function noteScript(turn: Turn, text: string): void {
  if (!/\p{Script=Han}/u.test(text)) return;
  if (toSimplified(text) !== text) turn.state.traditional = true;
  else if (turn.state.traditional && toTraditional(text) !== text) turn.state.traditional = false;
}

/** The text in simplified characters (to match button labels typed in traditional). */
export function simplified(text: string): string {
  return toSimplified(text);
}

/** The replies in traditional Chinese, when the rep writes it. */
export function inRepScript(turn: Turn, replies: Reply[]): Reply[] {
  if (!turn.state.traditional || turn.lang !== 'zh') return replies;
  return replies.map((r) => (r.kind === 'message' && r.buttons ? { ...r, text: toTraditional(r.text), buttons: r.buttons.map((b) => ({ ...b, label: toTraditional(b.label) })) } : { ...r, text: toTraditional(r.text) }) as Reply);
}
