/**
 * The ready-to-send messages of a walk, composed from the rep's industry pack and answers.
 *
 * A customer message takes only what is written for the customer: the pack's texts (with the
 * rep's product name), options the rep chose, and the rep's typed answers that a step's `slot`
 * lets through — each turned into the customer's voice (voice.ts: no "他说", no third person, no
 * redacted data), or replaced by a compliance rule's alternative. Each message is composed so no
 * clause repeats. What the rep typed stays whole in the rep's summary (compose.ts).
 */
import { fillSlots, type IndustryPack, type PromiseKind } from '../data/industries.ts';
import type { Lang, WalkMessage } from '../data/playbook.ts';
import type { Walk } from './types.ts';
import { toCustomerVoice } from './voice.ts';

/** What a composer reads. */
export interface ScriptContext {
  pack: IndustryPack;
  /** The product as the customer knows it. */
  product: string;
  lang: Lang;
  walk: Walk;
}

/** A composed message, and what the rep must know before sending it. */
export interface Composed {
  text: string;
  /** A typed answer held personal data that was left out: the rep adds it by hand. */
  droppedPersonalData: boolean;
  /** Compliance rules the rep chose to override in a text this message carries. */
  overrides: string[];
}

/** A typed answer as it may enter a customer message. */
interface SlotText {
  text: string;
  /** The compliance rule's alternative: a whole sentence, not a fragment. */
  alternative: boolean;
}

/** Longest typed fragment slotted into a sentence (longer notes stay in the rep's summary only). */
export const SLOT_MAX: Record<Lang, number> = { zh: 40, en: 90 };

/** The longest message composed (a phone screen without scrolling); optional parts give way first. */
export const MESSAGE_MAX: Record<Lang, number> = { zh: 220, en: 450 };

/** Fallbacks when the rep skipped the time. */
const ANY_TIME: Record<Lang, string> = { zh: '这周您方便的一个时间', en: 'a time this week that suits you' };

/** Lead-ins per kind of promise (the rep's own promise is "own"). */
const PROMISE_LEAD: Record<Lang, Record<PromiseKind | 'own', string>> = {
  zh: { refund: '为了让您放心，我们先把话说在前面：', trial: '您不用现在就做决定：', written_guarantee: '说到的我们都落在纸面上：', cancel_anytime: '您也不会被绑住：', own: '我们可以向您承诺：' },
  en: { refund: 'To make the decision easier, here is our commitment up front: ', trial: "You don't need to decide now: ", written_guarantee: 'What we promise goes on paper: ', cancel_anytime: "And you're never locked in: ", own: 'Here is what we can commit to: ' },
};

const T: Record<Lang, {
  invitation: (trial: string, time: string | undefined) => string;
  opinion: (o: string) => string;
  weigh: (d: string) => string;
  trustOpener: string;
  meetingAsk: (format: string, time: string) => string;
  meetingSet: string;
}> = {
  zh: {
    invitation: (trial, time) => `先不急着定，咱们先体验一次：${time ? `${time}，` : '这周找个您方便的时间，'}${trial}。就按您的用法来安排，体验完觉得合适再往下谈，您看可以吗？`,
    opinion: (o) => `您提到${o}。`,
    weigh: (d) => `不过要是换个做法，也有几点得考虑：${d}。`,
    trustOpener: '您对我们还不够了解，心里没底很正常。',
    meetingAsk: (format, time) => `您没有任何压力，只要给我们一次机会把细节讲清楚：${time}，${format}，您看行吗？`,
    meetingSet: '见面时有任何顾虑，都可以当面问清楚。',
  },
  en: {
    invitation: (trial, time) => `No need to decide yet — let's try it once first: ${trial}, ${time ?? 'at a time that suits you this week'}. We'll set it up around the way you'd use it, and if it suits you, we talk next steps. Does that work?`,
    opinion: (o) => `I hear you: ${o}.`,
    weigh: (d) => `The other way, though, has its costs: ${d}.`,
    trustOpener: "It's fair not to be sure about us yet — you don't know us well.",
    meetingAsk: (format, time) => `No pressure at all — just give us one chance to go through the details: ${format}, ${time}. Would that work?`,
    meetingSet: 'Any doubts left, you can raise them face to face when we meet.',
  },
};

/** The message `kind` for the walk so far, or null when what it needs was not answered. */
export function composeMessage(ctx: ScriptContext, kind: WalkMessage): Composed | null {
  const used: string[] = [];
  const slot = (stepId: string, quoted = false): SlotText | undefined => {
    used.push(stepId);
    return slotText(ctx, stepId, quoted);
  };
  const text = compose(ctx, kind, slot);
  if (text === null) return null;
  const marks = ctx.walk.marks ?? {};
  const dropped = used.some((id) => ctx.walk.answers[id] !== undefined && !marks[id]?.alternative && toCustomerVoice(ctx.walk.answers[id]!, ctx.lang).droppedPersonalData);
  const overrides = [...new Set(used.flatMap((id) => (ctx.walk.answers[id] !== undefined ? (marks[id]?.override ?? []) : [])))];
  return { text: withoutRepeats(text), droppedPersonalData: dropped, overrides };
}

function compose(ctx: ScriptContext, kind: WalkMessage, slot: (id: string, quoted?: boolean) => SlotText | undefined): string | null {
  const { pack, product, lang, walk } = ctx;
  const a = walk.answers;
  const time = () => withoutDuration(fragment(slot('trial_time') ?? slot('meeting_time'), lang));
  const t = T[lang];
  switch (kind) {
    case 'need_persuasion': {
      const need = pack.timing.needs[a.need as 'general' | 'special' | 'social'];
      return need ? fillSlots(need.persuade[lang], { product, time: time() ?? ANY_TIME[lang] }) : null;
    }
    case 'invitation':
      return t.invitation(pack.timing.trial[lang], time());
    case 'habit_script': {
      const habit = pack.deal_size.habits[a.habit as keyof IndustryPack['deal_size']['habits']];
      return habit ? fillSlots(habit.script[lang], { product }) : null;
    }
    case 'three_moves': {
      const d = pack.deal_size;
      // The customer's own words, turned to "you" (their "we'd rather…" → "you'd rather…").
      const opinion = slot('opinion', true);
      const typed = slot('downsides');
      const said = opinion?.alternative ? opinion.text : opinion && fragment(opinion, lang) ? t.opinion(fragment(opinion, lang)!) : '';
      const moves = (opening: string, weigh: string) => join([opening, d.follow[lang], d.push_forward[lang], t.weigh(weigh), typed?.alternative ? typed.text : '', d.hand_over[lang]], lang);
      // Too long for a phone: the rep's typed downsides give way to the pack's, then the pack's
      // three to two, then one — the customer's point is what the three moves answer, so it goes last.
      const typedDownsides = typed?.alternative ? undefined : fragment(typed, lang, 2);
      const own = d.downsides[lang];
      const weighs = [typedDownsides, series(own, lang), series(own.slice(0, 2), lang), series(own.slice(0, 1), lang)].filter((w): w is string => Boolean(w));
      const tries = [...weighs.map((w) => moves(said, w)), ...weighs.map((w) => moves('', w))];
      return tries.find((text) => [...withoutRepeats(text)].length <= MESSAGE_MAX[lang]) ?? tries.at(-1)!;
    }
    case 'symptom_script': {
      const symptom = pack.trust.symptoms[a.symptom as keyof IndustryPack['trust']['symptoms']];
      return symptom ? fillSlots(symptom.script[lang], { product, time: withoutDuration(fragment(slot('meeting_time'), lang)) ?? ANY_TIME[lang] }) : null;
    }
    case 'commitment':
      return join([t.trustOpener, promiseSentence(ctx, slot), meetingPart(ctx, slot)], lang);
  }
}

/** The promise as one sentence: the pack's promise of the chosen kind, or the rep's own. */
function promiseSentence(ctx: ScriptContext, slot: (id: string) => SlotText | undefined): string {
  const { pack, lang, walk } = ctx;
  const kind = walk.answers.promise;
  if (kind === 'own') {
    const own = slot('own_promise');
    if (own?.alternative) return own.text;
    const text = fragment(own, lang, 2);
    return text ? `${PROMISE_LEAD[lang].own}${text}${end(lang)}` : '';
  }
  const promise = pack.trust.promises.find((p) => p.kind === kind);
  return promise ? `${PROMISE_LEAD[lang][promise.kind]}${promise.text[lang]}${end(lang)}` : '';
}

/** The meeting asked for — unless the symptom's script already asked for it at a fixed time. */
function meetingPart(ctx: ScriptContext, slot: (id: string) => SlotText | undefined): string {
  const { pack, lang, walk } = ctx;
  const symptom = pack.trust.symptoms[walk.answers.symptom as keyof IndustryPack['trust']['symptoms']];
  if (symptom?.script[lang].includes('{time}')) return T[lang].meetingSet;
  return T[lang].meetingAsk(meetingFormat(pack, lang, walk.answers.meeting_format), withoutDuration(fragment(slot('meeting_time'), lang)) ?? ANY_TIME[lang]);
}

/** The meeting format chosen ("o2" is the pack's second), the first one when none was. */
export function meetingFormat(pack: IndustryPack, lang: Lang, answer: string | undefined): string {
  const formats = pack.trust.meeting_formats[lang];
  const index = answer && /^o\d$/.test(answer) ? Number(answer.slice(1)) - 1 : 0;
  return formats[index] ?? formats[0]!;
}

/** A typed answer in the customer's voice (or the alternative chosen for it), if there is one; `quoted`: it may be the customer's own words. */
function slotText(ctx: ScriptContext, stepId: string, quoted = false): SlotText | undefined {
  const answer = ctx.walk.answers[stepId];
  if (answer === undefined) return undefined;
  if (ctx.walk.marks?.[stepId]?.alternative) return { text: answer, alternative: true };
  const voice = toCustomerVoice(answer, ctx.lang, { quoted }).text.replace(/[。.!！?？\s]+$/u, '');
  return voice ? { text: voice, alternative: false } : undefined;
}

/** A slot as a fragment inside a sentence: none when empty, an alternative, or too long. */
function fragment(slot: SlotText | undefined, lang: Lang, times = 1): string | undefined {
  if (!slot || slot.alternative || [...slot.text].length > SLOT_MAX[lang] * times) return undefined;
  return slot.text;
}

/** Whether a typed answer is too long to go into a customer message (it stays in the summary). */
export function tooLongForMessage(text: string, lang: Lang, times = 1): boolean {
  return [...toCustomerVoice(text, lang).text].length > SLOT_MAX[lang] * times;
}

const DURATION = /^\s*(?:大概|大约|约|差不多|about|around|roughly|approx\.?|for)?\s*(?:[\d.]+|[一二两三四五六十半]+)\s*(?:个)?\s*(?:分钟|小时|钟头|min|mins|minutes?|hours?|hrs?|h)\s*(?:左右|long)?\s*$/iu;

/**
 * A time typed for a meeting without its length ("周三下午两点，大概20分钟" → "周三下午两点"):
 * the trial or meeting format the message names carries its own length.
 */
function withoutDuration(time: string | undefined): string | undefined {
  if (!time) return time;
  const kept = time.split(/([，,、；;]\s*)/u).reduce<string[]>((out, part, i, all) => {
    if (i % 2 === 1) return out;
    if (!DURATION.test(part)) out.push(out.length ? (all[i - 1] ?? '') + part : part);
    return out;
  }, []);
  // "周四下午三点可以" / "Thursday at 3pm works": the time alone goes into the sentence.
  const bare = kept.join('').trim().replace(/\s*(?:可以|都可以|也行|都行|行|没问题)$/u, '').replace(/\s+(?:works|would work|is fine|is ok|suits (?:me|us|him|her|them))$/iu, '');
  return bare || time;
}

/** "A、B、C" / "A, B and C". */
function series(items: string[], lang: Lang): string {
  if (lang === 'zh') return items.join('、');
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

const end = (lang: Lang) => (lang === 'zh' ? '。' : '.');

/** Sentences joined as the language writes them (Chinese without spaces). */
function join(parts: string[], lang: Lang): string {
  return parts.filter(Boolean).join(lang === 'zh' ? '' : ' ');
}

/** The text with any clause that repeats an earlier one (ignoring case and spacing) left out. */
export function withoutRepeats(text: string): string {
  const seen = new Set<string>();
  let out = '';
  for (const match of text.matchAll(/([^，,。.；;！!？?]+)([，,。.；;！!？?]*)/gu)) {
    const key = match[1]!.toLowerCase().replace(/[\s\p{P}]/gu, '');
    if (key.length > 1 && seen.has(key)) {
      // A sentence's last clause left out: its full stop ends the clause before it.
      const stop = match[2]!.match(/[。.!！?？]/u)?.[0];
      if (stop) out = out.replace(/[，,；;]\s*$/u, stop);
      continue;
    }
    seen.add(key);
    out += match[0];
  }
  return out;
}
