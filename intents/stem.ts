/**
 * English stemming with guards. Porter (natural's stemmer, imported from its own file, never
 * natural's root) merges inflections ("comparing" → "compar"), but on its own it also merges
 * unrelated words that then fire each other's keywords: "his" → "hi" (a greeting), "accountant"
 * → "account", "timing" → "time", "referred" → "refer" (as "references"), "financials" →
 * "financi" (as "financially"), "business" → "busi" (as "busy"), "chatted" → "chat".
 *
 * Guards, in order:
 * 1. a word on the exception list gets the stem written there;
 * 2. a word of at most MAX_UNSTEMMED letters is kept as it is ("his", "time", "news", "this");
 * 3. anything else is Porter-stemmed.
 */
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';

/** Words this short are never stemmed: Porter's short-word stems are where most collisions are. */
export const MAX_UNSTEMMED = 4;

/**
 * Word → stem, for the collisions found. A family shares one stem of its own; words that must
 * stay apart from a look-alike get a stem no other word reaches.
 */
export const STEM_EXCEPTIONS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries({
    accountant: ['accountant', 'accountants'],
    account: ['account', 'accounts', 'accounting'],
    timing: ['timing', 'timings'],
    time: ['time', 'times', 'timed', 'timely'],
    referenc: ['reference', 'references'],
    referr: ['refer', 'refers', 'referred', 'referring', 'referral', 'referrals'],
    financials: ['financials'],
    financi: ['financial', 'financially'],
    business: ['business', 'businesses'],
    busy: ['busy', 'busier', 'busiest', 'busyness'],
    chatted: ['chatted'],
    chat: ['chat', 'chats', 'chatting'],
    news: ['news'],
    later: ['later'],
    generous: ['generous', 'generously'],
    univers: ['universe'],
    university: ['university', 'universities'],
    organ: ['organ', 'organs'],
    organiz: ['organization', 'organizations', 'organisation', 'organisations', 'organize', 'organise'],
    policy: ['policy', 'policies'],
    police: ['police'],
    interesting: ['interesting'],
    experienc: ['experience', 'experienced', 'experiences'],
    experiment: ['experiment', 'experiments'],
    ask: ['asks', 'asked', 'asking'],
    pay: ['pays', 'paying'],
    need: ['needs', 'needed', 'needing'],
    wait: ['waits', 'waited', 'waiting'],
  }).flatMap(([stem, words]) => words.map((word) => [word, stem])),
);

const cache = new Map<string, string>();

/** The guarded stem of one lower-case English word (memoised: stemming is the costly part). */
export function stem(word: string): string {
  let s = cache.get(word);
  if (s === undefined) {
    s = (Object.hasOwn(STEM_EXCEPTIONS, word) ? STEM_EXCEPTIONS[word] : undefined) ?? (word.length <= MAX_UNSTEMMED ? word : PorterStemmer.stem(word));
    if (cache.size < 100_000) cache.set(word, s);
  }
  return s;
}
