/**
 * Puts hand-written pieces and generated values together into one rep message, in one of
 * several shapes (note, CRM paste, quoted reply, signature, bullet list), and records which
 * exact substrings are personal data.
 */
import type { Rng } from './rng.ts';
import { phone, type Where } from './values-phone.ts';
import { bankCard, email, idNumber, qq, wechat, type Named } from './values-other.ts';
import { ZH_CLOSERS, ZH_COMPANIES, ZH_FIRST, ZH_FRAMES, ZH_LABELS, ZH_NAMES, ZH_OBJECTIONS, ZH_QUOTES } from './frames-zh.ts';
import { EN_CLOSERS, EN_COMPANIES, EN_FIRST, EN_FRAMES, EN_LABELS, EN_NAMES, EN_OBJECTIONS, EN_QUOTES, EN_TITLES } from './frames-en.ts';

export type Lang = 'zh' | 'en';
export type Kind = 'phone' | 'email' | 'id_number' | 'bank_card' | 'wechat' | 'qq';
export type Item = { kind: Kind; value: string; tag: string; where?: Where; bank?: Named; after?: Named };
export type Message = { lang: Lang; text: string; pii: { kind: Kind; value: string }[] };
type Persona = { name: string; p: string; co: string } & Record<string, string>;

export function makeValue(rng: Rng, kind: Kind, lang: Lang): Item {
  switch (kind) {
    case 'phone': return phone(rng, lang);
    case 'email': return email(rng, lang);
    case 'id_number': return idNumber(rng, lang);
    case 'bank_card': return bankCard(rng, lang);
    case 'wechat': return wechat(rng);
    default: return qq(rng);
  }
}

function persona(rng: Rng, lang: Lang): Persona {
  if (lang === 'zh') {
    const [name, p] = rng.pick(ZH_NAMES);
    return { name, p, co: rng.pick(ZH_COMPANIES) };
  }
  const [name, g] = rng.pick(EN_NAMES);
  const m = g === 'm';
  return { name, p: m ? 'he' : 'she', P: m ? 'He' : 'She', pos: m ? 'his' : 'her', obj: m ? 'him' : 'her', co: rng.pick(EN_COMPANIES) };
}

/** Fills {slots}; {v} becomes the value plus any hint that must follow it. */
function fill(t: string, who: Persona, lang: Lang, item?: Item): string {
  return t.replace(/\{(\w+)\}/g, (_m, k: string) => {
    if (k === 'v' && item) return item.value + (item.after ? item.after[lang] : '');
    if (k === 'where' && item?.where) return item.where[lang];
    if (k === 'whereAdj' && item?.where) return item.where.enAdj;
    if (k === 'bank' && item?.bank) return item.bank[lang];
    const v = who[k];
    if (v === undefined) throw new Error(`slot {${k}} unfilled in "${t}"`);
    return v;
  });
}

const kindKey = (it: Item): string => (it.kind === 'phone' || it.kind === 'id_number' ? it.tag : it.kind === 'bank_card' ? 'card' : it.kind);
const upper = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const stop = (s: string): string => (/[.?!]$/.test(s) ? s : `${s}.`);
const zhStop = (s: string): string => (/[。？！）)]$/.test(s) ? s : `${s}。`);

function frameFor(rng: Rng, lang: Lang, it: Item): string {
  const frames = lang === 'zh' ? ZH_FRAMES : EN_FRAMES;
  const key = kindKey(it);
  let pool = frames[key] ?? [];
  if (it.kind === 'phone' && key !== 'local' && rng.chance(0.3)) pool = frames.phone ?? pool;
  if (it.tag === 'cn15' && rng.chance(0.5)) pool = frames.cn18 ?? pool;
  if (key === 'card' && !it.bank) pool = pool.filter((f) => !f.includes('{bank}'));
  return rng.pick(pool);
}

function label(rng: Rng, lang: Lang, it: Item): string {
  const labels = lang === 'zh' ? ZH_LABELS : EN_LABELS;
  return rng.pick(labels[kindKey(it)] ?? ['']);
}

function firstPerson(rng: Rng, lang: Lang, it: Item): string | undefined {
  const table = lang === 'zh' ? ZH_FIRST : EN_FIRST;
  const key = it.kind === 'bank_card' ? 'card' : it.kind;
  if (it.kind === 'phone' && it.tag === 'local') return undefined;
  const pool = table[key];
  return pool ? rng.pick(pool) : undefined;
}

/** What people put in an e-mail signature: never ID or card numbers. */
const signable = (it: Item): boolean => it.kind !== 'id_number' && it.kind !== 'bank_card';
const SIG_NAMES = ['Mark Ellis', 'Sarah Kim', 'Hiro Tanaka', 'Priya Nair', 'David Chen', 'Ngozi Okafor', 'Tom Harris', 'Helen Brooks', 'Lucy Moreau', 'Jürgen Weiß', 'Grace Ng', 'Carlos Ruiz'];
const ZH_SIG = ['王建国', '李雪', '张伟', '刘芳', '陈志强', '赵敏', '孙浩', '周婷'];

function zhMessage(rng: Rng, who: Persona, items: Item[]): string {
  const contacts = (): string[] => items.map((it) => fill(frameFor(rng, 'zh', it), who, 'zh', it));
  const obj = fill(rng.pick(ZH_OBJECTIONS), who, 'zh');
  const closer = fill(rng.pick(ZH_CLOSERS), who, 'zh');
  const shape = rng.weighted<number>([[0, 5], [1, 2], [2, 2], [3, 2], [4, 2], [5, 1], [6, 1]]);
  if (shape === 0) return `${obj}${rng.pick(['，', '。', '；', '。'])}${zhStop(contacts().join(rng.pick(['，', '；', '。', '，另外'])))}${closer}`;
  if (shape === 1) {
    const him = { ...who, name: who.p };
    const cs = items.map((it) => fill(frameFor(rng, 'zh', it), him, 'zh', it));
    return `${who.name}（${who.co}）${rng.pick(['：', '，', ' '])}${zhStop(cs.join('，'))}${obj}${closer ? '，' + closer : '。'}`;
  }
  if (shape === 2) {
    const sep = rng.pick(['：', ':', '：']);
    const lines = items.map((it) => `${label(rng, 'zh', it)}${sep}${fill('{v}', who, 'zh', it)}`);
    const head = who.name === '客户' ? `客户${sep}${who.co}` : `客户${sep}${who.name}（${who.co}）`;
    if (rng.chance(0.4)) return [head, ...lines, `情况${sep}${obj}`].join(' | ') + (closer ? ` ${closer}` : '');
    return [head, ...lines, `备注${sep}${obj}`, closer].filter(Boolean).join('\n');
  }
  if (shape === 3 || shape === 6) {
    const [q0, ...rest] = items;
    const fp = q0 ? firstPerson(rng, 'zh', q0) : undefined;
    if (q0 && fp) {
      const [o, c] = rng.pick([['“', '”'], ['「', '」'], ['"', '"']] as const);
      const quote = `${rng.pick(ZH_QUOTES)}，${fill(fp, who, 'zh', q0)}`;
      const more = rest.map((it) => fill(frameFor(rng, 'zh', it), who, 'zh', it));
      const lead = shape === 3 ? `${who.name}刚回我：${o}${quote}${c}` : `转一下${who.name}的原话：${quote}。`;
      return `${lead}${more.length ? (shape === 3 ? '。' : '') + zhStop(more.join('，')) : ''}${closer}`;
    }
    return `${obj}。${zhStop(contacts().join('，'))}${closer}`;
  }
  if (shape === 4 || !items.every(signable)) return [obj + '。', ...contacts(), closer].filter(Boolean).join('\n');
  const sig = rng.pick(ZH_SIG);
  const lines = items.map((it) => `${label(rng, 'zh', it)}：${fill('{v}', who, 'zh', it)}`);
  return `${who.name}邮件落款是这样的：\n${sig}\n${who.co} 采购部\n${lines.join('\n')}\n${obj}。${closer}`;
}

function enMessage(rng: Rng, who: Persona, items: Item[]): string {
  const contacts = (): string[] => items.map((it) => fill(frameFor(rng, 'en', it), who, 'en', it));
  const obj = upper(fill(rng.pick(EN_OBJECTIONS), who, 'en'));
  const closer = fill(rng.pick(EN_CLOSERS), who, 'en');
  const tail = closer ? ` ${closer}` : '';
  const shape = rng.weighted<number>([[0, 5], [1, 2], [2, 2], [3, 2], [4, 2], [5, 1]]);
  if (shape === 0) {
    const cs = contacts();
    const joined = rng.chance(0.5) ? cs.map((c) => stop(upper(c))).join(' ') : stop(upper(cs.join(rng.pick(['; ', ', and ', ' / ']))));
    return `${obj}. ${joined}${tail}`;
  }
  if (shape === 1) {
    const sep = rng.pick([', ', ' | ', '; ']);
    const lines = items.map((it) => `${label(rng, 'en', it)}: ${fill('{v}', who, 'en', it)}`);
    return `Notes on ${who.name} (${who.co}): ${fill(rng.pick(EN_OBJECTIONS), who, 'en')}. ${items.every(signable) ? rng.pick(['Contact', 'Reach', 'Contact info']) : rng.pick(['Details', 'Info'])}: ${lines.join(sep)}.${tail}`;
  }
  if (shape === 2 && items.every(signable)) {
    const sigName = rng.pick(SIG_NAMES);
    const em = items.find((it) => it.kind === 'email' && /^[^\s@]+@[^\s@]+$/.test(it.value));
    const lines = items.filter((it) => it !== em).map((it) => `${label(rng, 'en', it)}: ${fill('{v}', who, 'en', it)}`);
    const from = em ? `From: ${sigName} <${em.value}>\n` : '';
    return `${rng.pick(['Pasting the customer\'s reply:', 'Their reply, pasted:', 'Got this back:'])}\n${from}"${stop(rng.pick(EN_QUOTES))}"\n\n${sigName}\n${rng.pick(EN_TITLES)}, ${who.co}\n${lines.join('\n')}\n\n${closer || 'What now?'}`;
  }
  if (shape === 3) {
    const [q0, ...rest] = items;
    const fp = q0 ? firstPerson(rng, 'en', q0) : undefined;
    if (q0 && fp) {
      const quote = `${stop(rng.pick(EN_QUOTES))} ${upper(fill(fp, who, 'en', q0))}`;
      const more = rest.map((it) => stop(upper(fill(frameFor(rng, 'en', it), who, 'en', it))) + ' ');
      return `${upper(who.name)} ${rng.pick(['texted', 'wrote', 'replied', 'messaged me'])}: "${quote}" ${more.join('')}${closer}`.trim();
    }
    return `${obj}. ${contacts().map((c) => stop(upper(c))).join(' ')}${tail}`;
  }
  if (shape === 4) return [`${obj}.`, ...contacts().map((c) => `- ${c}`), closer].filter(Boolean).join('\n');
  return `${upper(who.name)} at ${who.co}: ${fill(rng.pick(EN_OBJECTIONS), who, 'en')} (${contacts().join(', ')}).${tail}`;
}

export function compose(rng: Rng, lang: Lang, items: Item[]): Message {
  const who = persona(rng, lang);
  const text = lang === 'zh' ? zhMessage(rng, who, items) : enMessage(rng, who, items);
  const pii = items
    .map((it) => ({ kind: it.kind, value: it.value, at: text.indexOf(it.value) }))
    .sort((a, b) => a.at - b.at)
    .map(({ kind, value }) => ({ kind, value }));
  return { lang, text, pii };
}
