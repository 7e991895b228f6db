/**
 * Writes tests/pii/corpus.jsonl and tests/pii/lookalikes.jsonl from a fixed seed, so the same
 * files come out on every run. Run: node tests/pii/gen/build.ts (then validate.ts to check).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { makeRng, type Rng } from './rng.ts';
import { compose, makeValue, type Item, type Kind, type Lang, type Message } from './compose.ts';
import { corpusProblems, lookalikeProblems, type Line } from './validate.ts';
import { LOOK } from './lookalike-values.ts';
import { LOOK_EN, LOOK_EN_CLOSERS, LOOK_ZH, LOOK_ZH_CLOSERS } from './lookalike-frames.ts';
import { EN_COMPANIES, EN_NAMES } from './frames-en.ts';
import { ZH_COMPANIES, ZH_NAMES } from './frames-zh.ts';

const SEED = 20261129;
const COUNTS = { zh: 540, en: 540 };
const LOOK_COUNTS = { zh: 170, en: 170 };

const KIND_WEIGHTS: Record<Lang, readonly (readonly [Kind, number])[]> = {
  zh: [['phone', 28], ['email', 18], ['id_number', 15], ['bank_card', 14], ['wechat', 14], ['qq', 11]],
  en: [['phone', 30], ['email', 26], ['id_number', 16], ['bank_card', 14], ['wechat', 8], ['qq', 6]],
};

function pickItems(rng: Rng, lang: Lang, used: Set<string>): Item[] {
  const n = rng.weighted<number>([[1, 50], [2, 38], [3, 12]]);
  const items: Item[] = [];
  while (items.length < n) {
    const kind = rng.weighted(KIND_WEIGHTS[lang]);
    if (kind !== 'phone' && items.some((i) => i.kind === kind)) continue;
    if (kind === 'phone' && items.some((i) => i.kind === 'phone') && (items.length > 1 || rng.chance(0.7))) continue;
    let it = makeValue(rng, kind, lang);
    for (let tries = 0; used.has(it.value) && tries < 30; tries++) it = makeValue(rng, kind, lang);
    if (used.has(it.value)) continue;
    if (items.some((o) => o.value.includes(it.value) || it.value.includes(o.value))) continue;
    used.add(it.value);
    items.push(it);
  }
  return items;
}

function buildCorpus(rng: Rng): Line[] {
  const langs = rng.shuffle([...Array<Lang>(COUNTS.zh).fill('zh'), ...Array<Lang>(COUNTS.en).fill('en')]);
  const used = new Set<string>();
  const texts = new Set<string>();
  const out: Line[] = [];
  for (const lang of langs) {
    let m: Message;
    do m = compose(rng, lang, pickItems(rng, lang, used));
    while (texts.has(m.text));
    texts.add(m.text);
    const line: Line = { id: `pii-${String(out.length + 1).padStart(4, '0')}`, lang, text: m.text, pii: m.pii };
    const problems = corpusProblems(line);
    if (problems.length) throw new Error(`${line.id}: ${problems.join('; ')}\n${line.text}`);
    out.push(line);
  }
  return out;
}

function lookalike(rng: Rng, lang: Lang): string {
  const [name, p] = lang === 'zh' ? rng.pick(ZH_NAMES) : [rng.pick(EN_NAMES)[0], ''];
  const co = lang === 'zh' ? rng.pick(ZH_COMPANIES) : rng.pick(EN_COMPANIES);
  const frame = rng.pick(lang === 'zh' ? LOOK_ZH : LOOK_EN);
  const body = frame.replace(/\{(\w+)\}/g, (_m, k: string) => {
    if (k === 'name') return name;
    if (k === 'p') return p;
    if (k === 'co') return co;
    const gen = LOOK[k];
    if (!gen) throw new Error(`unknown look-alike slot {${k}}`);
    return gen(rng, lang);
  });
  const closer = rng.pick(lang === 'zh' ? LOOK_ZH_CLOSERS : LOOK_EN_CLOSERS);
  if (lang === 'zh') return `${body}${closer ? '，' + closer : '。'}`;
  const first = body.charAt(0).toUpperCase() + body.slice(1);
  return closer ? `${first}. ${closer}` : `${first}.`;
}

function buildLookalikes(rng: Rng, taken: Set<string>): Line[] {
  const langs = rng.shuffle([...Array<Lang>(LOOK_COUNTS.zh).fill('zh'), ...Array<Lang>(LOOK_COUNTS.en).fill('en')]);
  const out: Line[] = [];
  for (const lang of langs) {
    let text = lookalike(rng, lang);
    while (taken.has(text) || lookalikeProblems(text).length) text = lookalike(rng, lang);
    taken.add(text);
    out.push({ id: `look-${String(out.length + 1).padStart(4, '0')}`, lang, text, pii: [] });
  }
  return out;
}

/** One JSON object per line; invisible spaces written as escapes so a reader can see them. */
function jsonl(lines: Line[]): string {
  return lines.map((l) => JSON.stringify(l).replace(/\u00a0/g, '\\u00a0').replace(/\u3000/g, '\\u3000')).join('\n') + '\n';
}

const rng = makeRng(SEED);
const corpus = buildCorpus(rng);
const look = buildLookalikes(rng, new Set(corpus.map((l) => l.text)));
const dir = new URL('..', import.meta.url);
writeFileSync(fileURLToPath(new URL('corpus.jsonl', dir)), jsonl(corpus));
writeFileSync(fileURLToPath(new URL('lookalikes.jsonl', dir)), jsonl(look));
console.log(`wrote ${corpus.length} corpus lines and ${look.length} look-alikes`);
