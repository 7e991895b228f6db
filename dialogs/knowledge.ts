/**
 * What a rep can ask for outside a walk: a tip (rotating), a knowledge topic (by key or by its
 * title in either language), the margin calculator, and the reply language.
 */
import type { Knowledge, Lang } from '../data/playbook.ts';
import { formatNumber, formatPercent, parseMargin } from './margin.ts';
import type { Turn } from './turn.ts';

/** The next tip, and a button for another. */
export function tip(turn: Turn): void {
  const tips = turn.playbook.knowledge.tips;
  const index = turn.state.tipIndex % tips.length;
  const next = tips[index];
  if (!next) return;
  turn.state.tipIndex = (index + 1) % tips.length;
  turn.say(turn.m.tip + next[turn.lang], [turn.button(turn.m.btnAnotherTip, { kind: 'command', name: 'tip' })]);
}

const fold = (text: string) => text.normalize('NFKC').toLowerCase().replace(/[\s_]+/gu, '');

/**
 * The topic a rep asked for: by key ("margin_rules"), by title in either language
 * ("融资融券", "Margin trading"), else the one topic whose title contains the words
 * ("满意度"). Only the playbook's own topics: "constructor" or "__proto__" find nothing.
 */
export function findTopic(topics: Knowledge['topics'], query: string): string | undefined {
  const wanted = fold(query);
  if (!wanted) return undefined;
  const entries = Object.entries(topics);
  const byKey = entries.find(([key]) => fold(key) === wanted);
  if (byKey) return byKey[0];
  const byTitle = entries.find(([, t]) => fold(t.title.zh) === wanted || fold(t.title.en) === wanted);
  if (byTitle) return byTitle[0];
  const partial = entries.filter(([, t]) => fold(t.title.zh).includes(wanted) || fold(t.title.en).includes(wanted));
  return partial.length === 1 ? partial[0]?.[0] : undefined;
}

/** A knowledge topic, or the list of topics to pick from. */
export function knowledge(turn: Turn, args: string[]): void {
  const topics = turn.playbook.knowledge.topics;
  const key = findTopic(topics, args.join(' '));
  const entry = key === undefined ? undefined : topics[key];
  if (entry) return turn.say(`📘 ${entry.title[turn.lang]}\n\n${entry.text[turn.lang].trim()}`);
  turn.say(
    turn.m.kbTopics,
    Object.entries(topics).map(([topic, t]) => turn.button(t.title[turn.lang], { kind: 'topic', topic })),
  );
}

/** The margin calculator: `200 40%` (maximum purchase) or `1:3` (liquidation drop). */
export function margin(turn: Turn, args: string[]): void {
  const m = turn.m;
  if (args.length === 0) return turn.say(m.marginUsage);
  const query = parseMargin(args);
  if (!query) return turn.say(`${m.marginBad}\n\n${m.marginUsage}`);
  if (query.kind === 'purchase') return turn.say(m.marginBuy(formatNumber(query.available), formatPercent(query.ratio), formatNumber(query.maxPurchase)));
  turn.say(m.marginLiquidation(formatNumber(query.n), formatPercent(query.drop), formatNumber(query.leverage)));
}

/** What `/lang` was given: a language, `auto`, or nothing understood. */
export type LanguageChoice = Lang | 'auto' | 'toggle' | undefined;

const LANGUAGE_WORDS: Record<string, Lang | 'auto'> = {
  zh: 'zh', cn: 'zh', chinese: 'zh', 中文: 'zh', 汉语: 'zh', 简体: 'zh', 普通话: 'zh',
  en: 'en', english: 'en', 英文: 'en', 英语: 'en',
  auto: 'auto', 自动: 'auto',
};

/** Reads `/lang`'s argument: none switches to the other language. */
export function parseLanguage(arg: string | undefined): LanguageChoice {
  if (arg === undefined || arg.trim() === '') return 'toggle';
  const word = arg.normalize('NFKC').trim().toLowerCase().replace(/^(zh|en)[-_].*$/u, '$1');
  return Object.hasOwn(LANGUAGE_WORDS, word) ? LANGUAGE_WORDS[word] : undefined;
}

/** `/lang`: fixes the reply language (or lets it follow what the rep writes again). */
export function setLanguage(turn: Turn, args: string[]): void {
  const choice = parseLanguage(args.join(' ') || undefined);
  if (choice === undefined) return turn.say(turn.m.langUsage);
  if (choice === 'auto') {
    turn.state.langLocked = false;
    return turn.say(turn.m.langAuto);
  }
  turn.state.lang = choice === 'toggle' ? (turn.lang === 'zh' ? 'en' : 'zh') : choice;
  turn.state.langLocked = true;
  turn.say(turn.m.langSet);
}
