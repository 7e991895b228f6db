/**
 * Industry packs: per-industry examples and phrasing for the three coaching walks, loaded from
 * `data/industries/<id>.yaml` and validated before anything uses them.
 *
 * A pack gives the rep hints and tactics (rep-facing) and the texts the engine composes into
 * messages for the customer (customer-facing: complete sentences in the customer's "您/you",
 * or short fragments that slot into a sentence). Customer-facing texts may hold only the
 * placeholders {product} and, in invitations, {time}. The cross-checks make every pack carry
 * the same keys, keep texts within a phone's length, keep the rep's voice ("他说", "the
 * customer") out of them, and keep each industry's words out of every other pack's messages.
 * A broken pack throws a PlaybookError naming the file, line and column.
 */
import { readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Document, LineCounter } from 'yaml';
import { z } from 'zod';
import { LANGS, PlaybookError, lineOf, readValidated, type Lang } from './playbook.ts';

/** The folder holding the shipped packs. */
export const DEFAULT_INDUSTRY_DIR = fileURLToPath(new URL('./industries/', import.meta.url));
/** The pack that names no industry; always present, used when the rep names none. */
export const GENERIC_PACK = 'generic';

/** How a text is used: rep-facing, a whole sentence or question, a fragment slotted into a
 * sentence, an item of a listed series ("A、B、C" / "A, B and C"), or a vocabulary word. */
type Shape = 'rep' | 'sentence' | 'question' | 'fragment' | 'item' | 'word';
const SERIES_BREAKERS = { zh: /[、，,；]/u, en: /,|;|\band\b/i };
const HAN = /\p{Script=Han}/u;
const ENDS = { sentence: /[。！？.!?]$/u, question: /[？?]$/u };

/** A {zh, en} pair, each within its length limit (characters) and of the right shape. */
function text(zhMax: number, enMax: number, shape: Shape) {
  const one = (lang: Lang, max: number) =>
    z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(max, `must be at most ${max} characters`)
      .refine((s) => (lang === 'zh' ? shape === 'word' || HAN.test(s) : !HAN.test(s)), lang === 'zh' ? 'must be written in Chinese' : 'must not contain Chinese characters')
      .refine((s) => shape === 'rep' || shape === 'fragment' || shape === 'item' || shape === 'word' || ENDS[shape].test(s), shape === 'question' ? 'must end with a question mark' : 'must end as a full sentence (。！？ or . ! ?)')
      .refine((s) => !['fragment', 'item', 'word'].includes(shape) || !/[。，；：！？.,;:!?]$/u.test(s), 'is a fragment that slots into a sentence: no final punctuation')
      .refine((s) => shape !== 'item' || !SERIES_BREAKERS[lang].test(s), lang === 'zh' ? 'is one item of a series: no 、 or ， inside' : 'is one item of a series: no comma or "and" inside');
  return z.strictObject({ zh: one('zh', zhMax), en: one('en', enMax) });
}
/** `count` items per language, each within its limit. */
function list(zhMax: number, enMax: number, shape: Shape, min: number, max: number) {
  const pair = text(zhMax, enMax, shape);
  const items = (lang: Lang) => z.array(pair.shape[lang]).min(min, `needs at least ${min} items`).max(max, `takes at most ${max} items`);
  return z.strictObject({ zh: items('zh'), en: items('en') });
}

const SCRIPT = [220, 400] as const; // a message a phone shows without scrolling
const rep = text(160, 320, 'rep');
const need = z.strictObject({ hint: text(100, 220, 'rep'), persuade: text(...SCRIPT, 'question') });
const move = z.strictObject({ tactic: rep, script: text(...SCRIPT, 'question') });
const PROMISE_KINDS = ['refund', 'trial', 'written_guarantee', 'cancel_anytime'] as const;
export type PromiseKind = (typeof PROMISE_KINDS)[number];

const packSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be lower-case letters, digits and _'),
  name: text(12, 24, 'rep'),
  product_example: text(12, 32, 'fragment'),
  vocabulary: list(8, 30, 'word', 0, 20),
  timing: z.strictObject({
    usage_questions: list(50, 110, 'question', 3, 3),
    needs: z.strictObject({ general: need, special: need, social: need }),
    trial: text(24, 60, 'fragment'),
  }),
  deal_size: z.strictObject({
    habits: z.strictObject({ asks_others: move, keeps_looking: move, avoids_price: move, too_expensive: move }),
    opinion_example: text(40, 90, 'fragment'),
    follow: text(50, 110, 'sentence'),
    push_forward: text(60, 130, 'sentence'),
    downsides: list(18, 50, 'item', 3, 3),
    hand_over: text(40, 90, 'question'),
  }),
  trust: z.strictObject({
    symptoms: z.strictObject({ shallow_questions: move, slipping_meetings: move, no_decision_maker: move, doubts_company: move }),
    promises: z.array(z.strictObject({ kind: z.enum(PROMISE_KINDS), text: text(60, 130, 'fragment') })).min(2, 'needs at least 2 promises').max(4),
    meeting_formats: list(30, 70, 'fragment', 2, 4),
  }),
});

export type IndustryPack = z.infer<typeof packSchema>;
export type Bilingual = IndustryPack['name'];

/** One customer-facing text of a pack, with where it sits in the pack. */
export interface CustomerText {
  path: (string | number)[];
  lang: Lang;
  text: string;
  /** Whether {time} may appear (the invitations of the trust walk and the timing persuasion). */
  timeAllowed: boolean;
}

/** Every text of `pack` that may end up in a message to the customer. */
export function customerTexts(pack: IndustryPack): CustomerText[] {
  const out: CustomerText[] = [];
  const add = (path: (string | number)[], pair: Bilingual, timeAllowed = false) => {
    for (const lang of LANGS) out.push({ path: [...path, lang], lang, text: pair[lang], timeAllowed });
  };
  const addList = (path: string[], lists: { zh: string[]; en: string[] }) => {
    for (const lang of LANGS) lists[lang].forEach((item, i) => out.push({ path: [...path, lang, i], lang, text: item, timeAllowed: false }));
  };
  const { timing, deal_size: deal, trust } = pack;
  add(['product_example'], pack.product_example);
  addList(['timing', 'usage_questions'], timing.usage_questions);
  for (const [key, n] of Object.entries(timing.needs)) add(['timing', 'needs', key, 'persuade'], n.persuade, true);
  add(['timing', 'trial'], timing.trial);
  for (const [key, h] of Object.entries(deal.habits)) add(['deal_size', 'habits', key, 'script'], h.script);
  for (const key of ['opinion_example', 'follow', 'push_forward', 'hand_over'] as const) add(['deal_size', key], deal[key]);
  addList(['deal_size', 'downsides'], deal.downsides);
  for (const [key, s] of Object.entries(trust.symptoms)) add(['trust', 'symptoms', key, 'script'], s.script, true);
  trust.promises.forEach((p, i) => add(['trust', 'promises', i, 'text'], p.text));
  addList(['trust', 'meeting_formats'], trust.meeting_formats);
  return out;
}

/** Phrases of a rep talking about the customer, which must never reach the customer. */
export const REP_VOICE: Record<Lang, string[]> = {
  zh: ['他说', '她说', '他们说', '客户说', '客户提到', '客户觉得', '客户想', '客户要', '该客户', '这位客户', '他想', '她想', '他要', '她要', '他觉得', '她觉得'],
  en: ['he said', 'she said', 'he says', 'she says', 'he wants', 'she wants', "he'd like", "she'd like", 'he thinks', 'she thinks', 'the customer', 'the client', 'the prospect', 'this customer'],
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Whether `phrase` occurs in `text`: a substring in Chinese, whole words (plural allowed) in English. */
export function containsPhrase(text: string, phrase: string, lang: Lang): boolean {
  if (lang === 'zh') return text.includes(phrase);
  const words = phrase.trim().split(/\s+/).map(escape).join('[\\s-]+');
  return new RegExp(`(?<![\\w-])${words}(?:s|es)?(?![\\w-])`, 'i').test(text.replace(/[’]/g, "'"));
}

/** The first rep-voice phrase in `text`, if any. */
export function repVoiceIn(text: string, lang: Lang): string | undefined {
  return REP_VOICE[lang].find((phrase) => containsPhrase(text, phrase, lang));
}

/** Words of other packs' vocabularies found in `text`, with the pack each belongs to. */
export function foreignWords(text: string, lang: Lang, ownId: string, packs: Iterable<IndustryPack>): { word: string; pack: string }[] {
  const found: { word: string; pack: string }[] = [];
  for (const other of packs) {
    if (other.id === ownId) continue;
    for (const word of other.vocabulary[lang]) if (containsPhrase(text, word, lang)) found.push({ word, pack: other.id });
  }
  return found;
}

/**
 * A pack text with its slots filled: {product} with the rep's product name (or the pack's
 * `product_example`), {time} with a time phrase the customer can read ("周三下午两点").
 * Throws if the text asks for a time and none is given, so no slot ever reaches a customer.
 */
export function fillSlots(text: string, slots: { product: string; time?: string }): string {
  if (text.includes('{time}') && !slots.time?.trim()) throw new Error(`a time is needed to fill: ${text}`);
  return text.replaceAll('{product}', slots.product.trim()).replaceAll('{time}', slots.time?.trim() ?? '');
}

const PLACEHOLDER = /\{+\s*([^{}]*?)\s*\}+/g;
const BEFORE_PRODUCT: Record<Lang, RegExp> = {
  zh: /(这|那|该|本|我们的|您的)[个款套门台辆项份]?$/u,
  en: /(^|[.!?]\s+|\b(the|a|an|this|that|our|your)\s+)$/i,
};

/** What is wrong with one customer-facing text on its own, or undefined. */
function problemIn(item: CustomerText): string | undefined {
  const { text: s, lang } = item;
  for (const match of s.matchAll(PLACEHOLDER)) {
    const [whole, name] = match;
    if (whole !== '{product}' && whole !== '{time}') return `unknown placeholder ${whole}: only {product} and {time} are filled in`;
    if (name === 'time' && !item.timeAllowed) return '{time} is only filled in for invitations (trust scripts, timing persuasion)';
    if (name === 'product' && BEFORE_PRODUCT[lang].test(s.slice(0, match.index))) {
      return lang === 'zh' ? '{product} must not follow 这/那/我们的 (the product name carries its own)' : '{product} must not start a sentence or follow an article or "our/your" (the product name carries its own)';
    }
  }
  const voice = repVoiceIn(s, lang);
  if (voice) return `"${voice}" is the rep talking about the customer; write to the customer ("您"/"you")`;
  const clauses = s.split(/[。，；！？.,;!?—]+/u).map((c) => c.trim().toLowerCase()).filter((c) => c.length > 3);
  const repeated = clauses.find((c, i) => clauses.indexOf(c) !== i);
  if (repeated) return `the clause "${repeated}" is repeated`;
  return undefined;
}

interface Loaded {
  pack: IndustryPack;
  file: string;
  doc: Document;
  lines: LineCounter;
}

/**
 * Loads every `*.yaml` pack in `dir` (default: the shipped packs), keyed by id. Throws a
 * PlaybookError at the first problem: a syntax or schema error, or a failed cross-check.
 */
export function loadIndustryPacks(dir: string = DEFAULT_INDUSTRY_DIR): Map<string, IndustryPack> {
  const shown = (file: string) => relative(process.cwd(), file) || file;
  let names: string[];
  try {
    names = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
  } catch {
    throw new PlaybookError(shown(dir), 0, 0, '', 'the folder of industry packs is missing');
  }
  const loaded: Loaded[] = names.map((name) => {
    const file = shown(join(dir, name));
    const { data, doc, lines } = readValidated(join(dir, name), file, packSchema);
    return { pack: data, file, doc, lines };
  });
  crossCheck(loaded, shown(dir));
  return new Map(loaded.map(({ pack }) => [pack.id, pack]));
}

/** What a schema of one file cannot see. */
function crossCheck(loaded: Loaded[], dirShown: string): void {
  const fail = (item: Loaded, path: (string | number)[], problem: string): never => {
    const { line, col } = lineOf(item.doc, item.lines, path);
    throw new PlaybookError(item.file, line, col, path.join('.'), problem);
  };
  const byId = new Map<string, Loaded>();
  for (const item of loaded) {
    const { id } = item.pack;
    const earlier = byId.get(id);
    if (earlier) fail(item, ['id'], `id "${id}" is also used by ${earlier.file}`);
    byId.set(id, item);
    if (basename(item.file, '.yaml') !== id) fail(item, ['id'], `id "${id}" must match the file name (${id}.yaml)`);
  }
  if (!byId.has(GENERIC_PACK)) throw new PlaybookError(dirShown, 0, 0, '', `the "${GENERIC_PACK}" pack (${GENERIC_PACK}.yaml) is missing`);

  const owner = new Map<string, string>();
  for (const item of loaded) {
    const { id, vocabulary } = item.pack;
    for (const lang of LANGS) {
      const words = vocabulary[lang];
      if (id === GENERIC_PACK && words.length) fail(item, ['vocabulary', lang], 'the generic pack names no industry: its vocabulary must be empty ([])');
      if (id !== GENERIC_PACK && words.length < 8) fail(item, ['vocabulary', lang], 'needs 8 to 20 words typical of this industry');
      words.forEach((word, i) => {
        const key = `${lang}:${word.toLowerCase()}`;
        const other = owner.get(key);
        if (other && other !== id) fail(item, ['vocabulary', lang, i], `"${word}" is also in the vocabulary of ${other}`);
        owner.set(key, id);
      });
    }
    const kinds = item.pack.trust.promises.map((p) => p.kind);
    kinds.forEach((kind, i) => {
      if (kinds.indexOf(kind) !== i) fail(item, ['trust', 'promises', i, 'kind'], `a second promise of kind "${kind}": give each kind once`);
    });
    const slipping = item.pack.trust.symptoms.slipping_meetings.script;
    for (const lang of LANGS) {
      if (!slipping[lang].includes('{time}')) fail(item, ['trust', 'symptoms', 'slipping_meetings', 'script', lang], 'must tie the commitment to one fixed time: {time}');
    }
  }

  const packs = loaded.map((l) => l.pack);
  for (const item of loaded) {
    for (const entry of customerTexts(item.pack)) {
      const problem = problemIn(entry);
      if (problem) fail(item, entry.path, problem);
      const foreign = foreignWords(entry.text, entry.lang, item.pack.id, packs)[0];
      if (foreign) fail(item, entry.path, `"${foreign.word}" belongs to the ${foreign.pack} pack; a customer of ${item.pack.id} must not read it`);
    }
  }
}
