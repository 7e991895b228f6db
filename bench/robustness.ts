/**
 * Robustness figures for the classifier bench: how often the label changes when a line is
 * wrapped in a rep's narrative (the customer's words quoted inside "rep note: … said '…'"), and
 * when its English gets a typo (two inner letters of its longest word swapped). Aggregate rates
 * only; no line is printed.
 */
import type { LabelledLine } from '../intents/evaluate.ts';
import { detectLanguage } from '../intents/normalise.ts';
import type { Label } from '../data/playbook.ts';

const FRAMES = {
  zh: ['客户是做外贸的王总，聊了三次，每次都说“{}”', '上周去拜访了那家连锁药店的采购，她回了一句：{}', '跟进记录：装修客户，老房翻新，电话里他说「{}」'],
  en: ['Rep note: dental clinic, 3 chairs, demo went fine, and the owner said "{}"', 'called the logistics manager again today, she says: {}', 'met the CFO of a mid-size bakery chain, his words were "{}"'],
};

/** The line with two inner letters of its longest English word (≥ 5 letters) swapped, or null. */
export function withTypo(text: string): string | null {
  const words = text.match(/[A-Za-z]{5,}/g);
  if (!words) return null;
  const word = words.reduce((a, b) => (b.length > a.length ? b : a));
  const i = Math.floor(word.length / 2) - 1;
  const typo = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  return typo === word ? null : text.replace(word, typo);
}

/** Flip rates (label changed) under narrative wrapping and under typos, with the line counts. */
export function robustness(lines: LabelledLine[], classify: (text: string) => Label): string {
  let wraps = 0;
  let wrapFlips = 0;
  let typos = 0;
  let typoFlips = 0;
  for (const line of lines) {
    const alone = classify(line.text);
    for (const frame of FRAMES[line.lang ?? detectLanguage(line.text)]) {
      wraps++;
      if (classify(frame.replace('{}', line.text)) !== alone) wrapFlips++;
    }
    const typo = (line.lang ?? detectLanguage(line.text)) === 'en' ? withTypo(line.text) : null;
    if (typo) {
      typos++;
      if (classify(typo) !== alone) typoFlips++;
    }
  }
  const pct = (a: number, b: number) => `${((a / Math.max(1, b)) * 100).toFixed(1)}%`;
  return `label flips when wrapped in a rep's narrative ${pct(wrapFlips, wraps)} (${wraps} wraps), when an English word gets a typo ${pct(typoFlips, typos)} (${typos} lines)`;
}
