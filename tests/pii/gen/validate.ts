/**
 * Checks the PII corpus and the look-alike set: every labelled value is an exact substring
 * and a valid instance of its kind (check digits included), and no look-alike hides a number
 * that passes a card or ID check, a Chinese mobile, an e-mail or a WeChat id.
 * Run alone: node tests/pii/gen/validate.ts
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cnId15Plausible, cnId18Valid, digitsOf, fromFullWidth, hkidValid, luhnValid, twIdValid } from './checks.ts';

export type Line = { id: string; lang: string; text: string; pii: { kind: string; value: string }[] };
const KINDS = new Set(['phone', 'email', 'id_number', 'bank_card', 'wechat', 'qq']);

export function valueProblem(kind: string, value: string): string | undefined {
  const d = digitsOf(value);
  const ascii = fromFullWidth(value).trim();
  switch (kind) {
    case 'phone': return d.length >= 7 && d.length <= 18 ? undefined : `phone with ${d.length} digits`;
    case 'email': return /[@＠#%]|\bat\b|AT|艾特/.test(value) && /[.．]|dot|DOT/.test(value) ? undefined : 'not an e-mail';
    case 'id_number':
      return cnId18Valid(value) || (d.length === 15 && cnId15Plausible(value)) || hkidValid(ascii) || twIdValid(ascii) || /^(E[A-Z0-9]\d{7}|[GK]\d{8}|[56]\d{8})$/.test(ascii)
        ? undefined : 'invalid id number';
    case 'bank_card': return d.length >= 16 && d.length <= 19 && luhnValid(d) ? undefined : 'card fails Luhn or length';
    case 'wechat': return /^[A-Za-z][A-Za-z0-9_-]{5,19}$/.test(value) ? undefined : 'bad WeChat id';
    case 'qq': return /^[1-9]\d{4,10}$/.test(d) && d.length === [...value].length ? undefined : 'bad QQ number';
    default: return `unknown kind ${kind}`;
  }
}

export function corpusProblems(l: Line): string[] {
  const out: string[] = [];
  if (!/^pii-\d{4}$/.test(l.id)) out.push('bad id');
  if (l.lang !== 'zh' && l.lang !== 'en') out.push('bad lang');
  if (l.pii.length === 0) out.push('no pii');
  const spans: [number, number][] = [];
  for (const p of l.pii) {
    if (!KINDS.has(p.kind)) out.push(`bad kind ${p.kind}`);
    const at = l.text.indexOf(p.value);
    if (at < 0) out.push(`value not in text: ${p.value}`);
    else spans.push([at, at + p.value.length]);
    const why = valueProblem(p.kind, p.value);
    if (why) out.push(`${why}: ${p.value}`);
  }
  spans.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < spans.length; i++) if ((spans[i] as [number, number])[0] < (spans[i - 1] as [number, number])[1]) out.push('overlapping values');
  return out;
}

/** Hidden personal data in a message meant to have none. */
export function lookalikeProblems(text: string): string[] {
  const out: string[] = [];
  const t = fromFullWidth(text);
  for (const m of t.matchAll(/\d(?:[ \-\u00a0]?\d)*/g)) {
    const run = m[0];
    const d = run.replace(/\D/g, '');
    if (d.length >= 13 && d.length <= 19 && luhnValid(d)) out.push(`Luhn-valid run ${run}`);
    if (d.length === 18 && cnId18Valid(d)) out.push(`valid ID ${run}`);
  }
  for (const m of t.matchAll(/(?<![\dA-Za-z])\d+(?![\d])/g)) {
    const run = m[0];
    if (run.length === 11 && /^1[3-9]/.test(run)) out.push(`mobile-like ${run}`);
    if (run.length === 15 && cnId15Plausible(run)) out.push(`15-digit ID-like ${run}`);
  }
  if (/[\w.+-]+\s*[@＠]\s*[\w-]+\.[a-z]/i.test(t)) out.push('e-mail');
  if (/\bat\b.*\bdot\b/i.test(t)) out.push('obfuscated e-mail');
  if (/wxid_/i.test(t)) out.push('wxid');
  return out;
}

function readJsonl(path: string): Line[] {
  return readFileSync(path, 'utf8').split('\n').filter((s) => s.trim()).map((s) => JSON.parse(s) as Line);
}

export function summarise(lines: Line[]): Record<string, Record<string, number>> {
  const byKind: Record<string, Record<string, number>> = {};
  for (const l of lines) for (const p of l.pii) {
    const k = (byKind[p.kind] ??= { zh: 0, en: 0 });
    k[l.lang] = (k[l.lang] ?? 0) + 1;
  }
  return byKind;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = new URL('..', import.meta.url);
  const corpus = readJsonl(fileURLToPath(new URL('corpus.jsonl', dir)));
  const look = readJsonl(fileURLToPath(new URL('lookalikes.jsonl', dir)));
  let bad = 0;
  const texts = new Set<string>();
  for (const l of [...corpus, ...look]) {
    if (texts.has(l.text)) { bad++; console.log(l.id, 'duplicate text'); }
    texts.add(l.text);
  }
  for (const l of corpus) for (const e of corpusProblems(l)) { bad++; console.log(l.id, e); }
  for (const l of look) for (const e of [...(l.pii.length ? ['has pii'] : []), ...lookalikeProblems(l.text)]) { bad++; console.log(l.id, e); }
  const langs = (ls: Line[]): string => `zh ${ls.filter((l) => l.lang === 'zh').length}, en ${ls.filter((l) => l.lang === 'en').length}`;
  console.log(`corpus: ${corpus.length} messages (${langs(corpus)}); lookalikes: ${look.length} (${langs(look)})`);
  for (const [k, v] of Object.entries(summarise(corpus))) console.log(`  ${k.padEnd(10)} ${String((v.zh ?? 0) + (v.en ?? 0)).padStart(4)}  (zh ${v.zh}, en ${v.en})`);
  console.log(bad === 0 ? 'all checks passed' : `${bad} problems`);
  process.exit(bad === 0 ? 0 : 1);
}
