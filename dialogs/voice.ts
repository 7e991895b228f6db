/**
 * The rep's note, turned into words that can go to the customer.
 *
 * A rep notes "他说老板要求每周出报表" or "she wants to show her team the dashboard"; a message to
 * the customer needs "老板要求每周出报表" and "you'd like to show your team the dashboard". The
 * rules here are few and tested: drop the reporting clause (他说 / 客户说 / the customer said),
 * turn the third person into the second (他→您, she wants→you'd like, her→your), never repeat a
 * clause, and keep redacted data out (a clause holding a placeholder is dropped, and the caller is
 * told so it can ask the rep to add the detail by hand).
 */

/** The placeholders redaction leaves in text ([phone], [email], …). */
const PLACEHOLDER = /\[(?:phone|email|id-card|bank-card|wechat|qq)\]/;

export interface CustomerVoice {
  /** The note in the customer's voice, or '' when nothing of it can go to the customer. */
  text: string;
  /** Clauses left out because they held redacted personal data. */
  droppedPersonalData: boolean;
}

/**
 * Rewrites a rep's note about the customer as words addressed to the customer. `quoted`: the note
 * may hold the customer's own words ("we'd rather keep our supplier", "你们的价格太高"), so their
 * first person becomes "you" and their "you" (the seller) becomes "we" ("you'd rather keep your
 * supplier", "我们的价格太高").
 */
export function toCustomerVoice(note: string, lang: 'zh' | 'en', options: { quoted?: boolean } = {}): CustomerVoice {
  const clauses = splitClauses(note.trim());
  const kept: string[] = [];
  const seen = new Set<string>();
  let droppedPersonalData = false;
  for (const clause of clauses) {
    if (PLACEHOLDER.test(clause.text)) {
      droppedPersonalData = true;
      continue;
    }
    const spoken = lang === 'zh' ? zhClause(clause.text, options.quoted) : enClause(clause.text, kept.length === 0, options.quoted);
    const key = spoken.toLowerCase().replace(/[\s\p{P}]/gu, '');
    if (!key || seen.has(key)) continue;
    seen.add(key);
    kept.push(spoken + clause.separator);
  }
  const text = kept.join('').trim().replace(/[，,、；;:：\s]+$/u, '');
  return { text, droppedPersonalData };
}

/** Clauses with the punctuation that followed each. */
function splitClauses(text: string): { text: string; separator: string }[] {
  const parts: { text: string; separator: string }[] = [];
  for (const match of text.matchAll(/([^，,。；;！!？?\n]+)([，,。；;！!？?\n]*)/gu)) {
    const body = match[1]!.trim();
    if (body) parts.push({ text: body, separator: normaliseSeparator(match[2] ?? '') });
  }
  return parts;
}

function normaliseSeparator(separator: string): string {
  if (!separator) return '';
  if (/[。！？!?]/u.test(separator)) return separator.trim().charAt(0);
  if (/[，、]/u.test(separator)) return '，';
  return separator.trim().charAt(0) === ';' ? '; ' : separator.trim().charAt(0) === ',' ? ', ' : separator.trim().charAt(0);
}

// ---- Chinese ---------------------------------------------------------------------------------

/** Who a rep reports about: the customer in the third person, or by title. */
const ZH_REPORTER = /^(?:客户|顾客|对方|他|她|这位客户|那个客户|[\p{Script=Han}]{1,2}(?:总|哥|姐|老师|经理|先生|女士))?(?:说|讲|提到|表示|反馈|回复|告诉我|跟我说|觉得|认为|的意思是)[:：，,\s]*/u;

/** The customer's own words turned around: their 我 is 您, their 你 is 我 (one pass, so nothing turns twice). */
const ZH_QUOTED: Record<string, string> = { 我们: '你们', 你们: '我们', 您们: '我们', 我: '您', 你: '我' };

function zhClause(clause: string, quoted = false): string {
  let out = clause.replace(ZH_REPORTER, '');
  // Only words quoted as said: beside 他/她 the 我们 is the rep's side ("他想让我们降价").
  if (quoted && !/[他她]/u.test(out)) out = out.replace(/我们|你们|您们|我|你/gu, (word) => ZH_QUOTED[word]!);
  out = out
    .replace(/他们|她们/gu, '你们')
    .replace(/他的|她的/gu, '您的')
    .replace(/他自己|她自己/gu, '您自己')
    .replace(/(?<!其)[他她](?!们|人)/gu, '您');
  return out.trim();
}

// ---- English ---------------------------------------------------------------------------------

/** Who reports: the customer, he / she / they, or someone by name ("Wang said") — a capitalised word that is a name, not "It feels…". */
const EN_REPORTER = /^(?:(?:[Tt]he\s+)?(?:[Cc]ustomer|[Cc]lient|[Pp]rospect|[Bb]uyer)|[Hh]e|[Ss]he|[Tt]hey|(?!(?:It|This|That|There|Here|What|We|You|I)\b)[A-Z][a-z]+)\s+(?:said|says|mentioned|mentions|told me|tells me|explained|thinks|thought|feels|felt)(?:\s+that)?[\s,:]*/;

/** Third-person verb forms → second person, for the verbs notes about customers use. */
const VERBS: Record<string, string> = {
  wants: "want", 'wants to': "'d like to", needs: 'need', has: 'have', does: 'do', is: 'are', was: 'were',
  likes: 'like', uses: 'use', plans: 'plan', hopes: 'hope', thinks: 'think', says: 'say', prefers: 'prefer',
  worries: 'worry', cares: 'care', travels: 'travel', works: 'work', runs: 'run', manages: 'manage',
  spends: 'spend', gets: 'get', commutes: 'commute', teaches: 'teach', loves: 'love', hates: 'hate',
  "doesn't": "don't", "isn't": "aren't", "wasn't": "weren't", "hasn't": "haven't",
};

const LOWER_FIRST = /^(?:You|Your|The|A|An|To|For|With|On|In|At|Using|Wants|Needs|Would|Maybe|It|Its|This|That|These|Those|There|Our|We)\b/;

/** The customer's own words turned around: their I/we is "you", their "you" (the seller) is "we" (one pass). */
const EN_QUOTED: Record<string, string> = {
  i: 'you', me: 'you', my: 'your', mine: 'yours', myself: 'yourself', we: 'you', us: 'you', our: 'your', ours: 'yours', ourselves: 'yourselves',
  "i'm": "you're", "i've": "you've", "i'd": "you'd", "i'll": "you'll", "we're": "you're", "we've": "you've", "we'd": "you'd", "we'll": "you'll",
  your: 'our', yours: 'ours', yourself: 'ourselves', yourselves: 'ourselves', "you're": "we're", "you've": "we've", "you'd": "we'd", "you'll": "we'll",
};

const EN_PERSONS = /\b(?:I am|I was|I'm|I've|I'd|I'll|we're|we've|we'd|we'll|you're|you've|you'd|you'll|I|me|my|mine|myself|we|us|our|ours|ourselves|your|yours|yourself|yourselves|you)\b/gi;
/** Where "you" is a subject ("you are…", "but you charge…"), it becomes "we"; elsewhere "us". */
const YOU_SUBJECT_AFTER = /^\s+(?:are|were|have|had|do|did|don't|didn't|can|can't|could|will|won't|would|should|guys|people|all|offer|sell|charge|want|need|say|said|always|never|just)\b/i;
const YOU_SUBJECT_BEFORE = /(?:^|[,;:]\s*|\b(?:and|but|because|if|that|so|when)\s+)$/i;

function swapPersons(text: string): string {
  return text.replace(EN_PERSONS, (word: string, offset: number) => {
    const lower = word.toLowerCase();
    if (lower === 'i am') return 'you are';
    if (lower === 'i was') return 'you were';
    if (lower !== 'you') return EN_QUOTED[lower] ?? word;
    const subject = YOU_SUBJECT_AFTER.test(text.slice(offset + word.length)) || YOU_SUBJECT_BEFORE.test(text.slice(0, offset));
    return subject ? 'we' : 'us';
  });
}

function enClause(clause: string, first: boolean, quoted = false): string {
  let out = clause.replace(/[’]/g, "'").replace(EN_REPORTER, '');
  // Only words quoted as said: beside he/she the "us" is the rep's side ("she wants us to lower the price").
  if (quoted && !/\b(?:he|she|they|him|her|them|his|their)\b/i.test(out)) out = swapPersons(out);
  out = out.replace(/\b(he|she|they)\s+(wants to|[a-z']+)\b/gi, (_, _who: string, verb: string) => {
    const lower = verb.toLowerCase();
    if (lower === 'wants to') return "you'd like to";
    if (lower === "'s" || lower === "'re") return "you're";
    return `you ${VERBS[lower] ?? lower}`;
  });
  out = out
    .replace(/\b(?:he|she)'s\b/gi, "you're")
    .replace(/\bthey're\b/gi, "you're")
    .replace(/\b(?:his|her|their)\b(?=\s+[a-z])/gi, 'your')
    .replace(/\b(?:himself|herself|themselves)\b/gi, 'yourself')
    .replace(/\b(?:him|her|them)\b/gi, 'you')
    .replace(/\b(?:he|she|they)\b/gi, 'you')
    .trim();
  // Mid-sentence after "You mentioned …": lower-case a leading function word, never a name.
  return first && LOWER_FIRST.test(out) ? out.charAt(0).toLowerCase() + out.slice(1) : out;
}
