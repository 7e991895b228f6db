/**
 * What practice needs from the store, fetched by the service before the engine runs (the engine
 * reads no store): the rep's finished rounds for `/practice stats`, and — only when a manager
 * allowed it (`/practice team on`, a setting in the database that every instance reads at each
 * round) — the team's recent real customer quotes a round may open with: redacted again, the
 * customer's words only, never who said them.
 */
import type { Lang, Objection, Party } from '../../data/vocabulary.ts';
import type { PracticeRecord, PracticeResult } from '../../dialogs/practice/index.ts';
import type { PracticeRequest } from '../../dialogs/practice-mode.ts';
import type { CoachInput } from '../../dialogs/types.ts';
import { splitQuote } from '../../intents/quote.ts';
import { redact } from '../../store/redact.ts';
import type { Store } from '../../store/store.ts';

/** The setting's key: "on" lets practice rounds open with the team's real quotes. */
export const TEAM_QUOTES_SETTING = 'practice.team_quotes';

const DAY_MS = 86_400_000;
/** How far back the team's quotes and a rep's practice history reach. */
const QUOTES_DAYS = 30;
const HISTORY_DAYS = 365;

/** The input with what the practice request needs from the store. */
export async function withPracticeData(store: Store, party: Pick<Party, 'channel' | 'userId'>, input: CoachInput, request: PracticeRequest, at: number): Promise<CoachInput> {
  if (request.kind === 'stats') {
    const rows = await store.practice.rounds(at - HISTORY_DAYS * DAY_MS, { channel: party.channel, userId: party.userId });
    const history: PracticeRecord[] = rows.map((r) => ({ at: new Date(r.at).toISOString(), result: r.result as PracticeResult }));
    return { ...input, practice: { history } };
  }
  if (request.kind !== 'start' || !(await teamQuotesAllowed(store))) return input;
  const quotes = await store.practice.quotes(at - QUOTES_DAYS * DAY_MS);
  const teamQuotes = quotes.flatMap((q) => {
    const text = customerWords(q.text);
    return text ? [{ type: q.type as Objection, text }] : [];
  });
  return { ...input, practice: { teamQuotes } };
}

/** Whether a manager allowed the team's real quotes as practice openings. */
export async function teamQuotesAllowed(store: Store): Promise<boolean> {
  return (await store.settings.get(TEAM_QUOTES_SETTING)) === 'on';
}

/**
 * The customer's own words in a pasted quote, fit to be said by a practice customer: the quoted
 * part of a rep's narrative, or the whole text when it tells no story; redacted; short. Undefined
 * for what does not fit (a story about the customer, a placeholder left by redaction).
 */
export function customerWords(pasted: string): string | undefined {
  const split = splitQuote(pasted);
  const text = redact(split ? split.quote : pasted).replace(/\s+/g, ' ').trim();
  if (!split && /客户|客戶|顾客|他说|她说|\b(customer|client|he|she|they|his|her)\b/iu.test(text)) return undefined;
  if (/\[(phone|email|id-card|bank-card|wechat|qq)\]/u.test(text)) return undefined;
  const length = [...text].length;
  return length >= 4 && length <= 160 ? text : undefined;
}

const TEXT = {
  en: {
    on: '✅ Practice rounds may now open with the team’s recent real customer quotes (redacted, never who said them). /practice team off to stop.',
    off: '✅ Practice rounds open with the playbook’s examples only. /practice team on to use the team’s real quotes.',
    status: (on: boolean) => `Practice openings: ${on ? 'the team’s real quotes (redacted) when there are some' : 'the playbook’s examples'}. Managers: /practice team on | off`,
  },
  zh: {
    on: '✅ 练习现在会用团队最近遇到的真实客户原话开场（已脱敏，不显示是谁说的）。发 /practice team off 关闭。',
    off: '✅ 练习只用话术库里的例句开场。发 /practice team on 改用团队的真实原话。',
    status: (on: boolean) => `练习开场：${on ? '团队的真实客户原话（已脱敏），有就用' : '话术库里的例句'}。经理可发 /practice team on | off`,
  },
};

/** `/practice team on|off` (managers): sets the switch; without on/off, says how it stands. */
export async function practiceTeamCommand(store: Store, on: boolean | undefined, by: string, lang: Lang, at: number): Promise<string> {
  const t = TEXT[lang];
  if (on === undefined) return t.status(await teamQuotesAllowed(store));
  await store.settings.set(TEAM_QUOTES_SETTING, on ? 'on' : 'off', by, at);
  return on ? t.on : t.off;
}
