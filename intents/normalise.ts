/**
 * Text normalisation shared by every classifier: one canonical form for what reps type on
 * phones in Chinese and English.
 *
 * - NFKC folds full-width letters, digits and punctuation to half width ("ＯＫ，" → "ok,").
 * - Traditional Chinese becomes simplified (OpenCC, Taiwan phrases included: 考慮→考虑, 軟體→软件).
 * - Lower case, typographic apostrophes straightened, apostrophe-less contractions restored
 *   ("dont" → "don't") and chat shorthand spelt out ("rn" → "right now", "idk" → "i don't
 *   know"), runs of white space collapsed.
 */
import { toSimplified } from './simplified.ts';

/** Contractions people type without the apostrophe, mapped back so negation is seen. */
const CONTRACTIONS: Record<string, string> = {
  dont: "don't", doesnt: "doesn't", didnt: "didn't", cant: "can't", wont: "won't",
  isnt: "isn't", arent: "aren't", wasnt: "wasn't", werent: "weren't", havent: "haven't",
  hasnt: "hasn't", couldnt: "couldn't", wouldnt: "wouldn't", shouldnt: "shouldn't",
  im: "i'm", ive: "i've", youre: "you're", theyre: "they're", lets: "let's",
  // chat shorthand, spelt out so it shares features and keywords with the long form
  u: 'you', ur: 'your', pls: 'please', plz: 'please', thx: 'thanks', ty: 'thanks',
  rn: 'right now', atm: 'at the moment', idk: "i don't know", tbh: 'to be honest', imo: 'in my opinion',
  wk: 'week', wks: 'weeks', mo: 'month', mos: 'months', yr: 'year', yrs: 'years', tmrw: 'tomorrow', tmr: 'tomorrow',
  b4: 'before', bc: 'because', cuz: 'because', coz: 'because', wo: 'without', n: 'and',
  gonna: 'going to', wanna: 'want to', gotta: 'got to', dunno: "don't know", nvm: 'never mind',
  asap: 'as soon as possible', ppl: 'people', msg: 'message', msgs: 'messages', convo: 'conversation', mgr: 'manager',
};
const CONTRACTION_RE = new RegExp(`\\b(${Object.keys(CONTRACTIONS).join('|')})\\b`, 'g');

/** Returns the canonical form of `text` used for matching and features. */
export function normalise(text: string): string {
  let out = text.normalize('NFKC');
  out = out.replace(/[\u2018\u2019\u02bc\u0060\u00b4]/g, "'").replace(/[\u201c\u201d]/g, '"');
  out = toSimplified(out).toLowerCase();
  out = out.replace(CONTRACTION_RE, (word) => CONTRACTIONS[word] ?? word);
  return out.replace(/\s+/g, ' ').trim();
}

export { detectLanguage } from '../data/vocabulary.ts';
