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

/** Rewrites a rep's note about the customer as words addressed to the customer. */
export function toCustomerVoice(note: string, lang: 'zh' | 'en'): CustomerVoice {
  const clauses = splitClauses(note.trim());
  const kept: string[] = [];
  const seen = new Set<string>();
  let droppedPersonalData = false;
  for (const clause of clauses) {
    if (PLACEHOLDER.test(clause.text)) {
      droppedPersonalData = true;
      continue;
    }
    const spoken = lang === 'zh' ? zhClause(clause.text) : enClause(clause.text, kept.length === 0);
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

function zhClause(clause: string): string {
  let out = clause.replace(ZH_REPORTER, '');
  out = out
    .replace(/他们|她们/gu, '你们')
    .replace(/他的|她的/gu, '您的')
    .replace(/他自己|她自己/gu, '您自己')
    .replace(/(?<!其)[他她](?!们|人)/gu, '您');
  return out.trim();
}

// ---- English ---------------------------------------------------------------------------------

const EN_REPORTER = /^(?:(?:the\s+)?(?:customer|client|prospect|buyer)|he|she|they|[A-Z][a-z]+)\s+(?:said|says|mentioned|mentions|told me|tells me|explained|thinks|thought|feels|felt)(?:\s+that)?[\s,:]*/i;

/** Third-person verb forms → second person, for the verbs notes about customers use. */
const VERBS: Record<string, string> = {
  wants: "want", 'wants to': "'d like to", needs: 'need', has: 'have', does: 'do', is: 'are', was: 'were',
  likes: 'like', uses: 'use', plans: 'plan', hopes: 'hope', thinks: 'think', says: 'say', prefers: 'prefer',
  worries: 'worry', cares: 'care', travels: 'travel', works: 'work', runs: 'run', manages: 'manage',
  spends: 'spend', gets: 'get', commutes: 'commute', teaches: 'teach', loves: 'love', hates: 'hate',
  "doesn't": "don't", "isn't": "aren't", "wasn't": "weren't", "hasn't": "haven't",
};

const LOWER_FIRST = /^(?:You|Your|The|A|An|To|For|With|On|In|At|Using|Wants|Needs|Would|Maybe)\b/;

function enClause(clause: string, first: boolean): string {
  let out = clause.replace(EN_REPORTER, '');
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
