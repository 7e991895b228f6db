/**
 * Redaction of customers' personal data, applied to every text before it reaches the store,
 * the engine's state or the logs. Each datum becomes a typed placeholder:
 *
 *   phone numbers   → [phone]      mainland mobiles and landlines (+86/0086/86, any grouping,
 *                                   dots, '*', '/', a line break, NBSP, full width, keycap and
 *                                   emoji digits, Chinese numerals, extensions), +/00/bare
 *                                   country codes, US/UK/HK/TW/SG formats, 7–8 digit locals by a
 *                                   phone word (signatures, vCards), numbers read out in words
 *   e-mail          → [email]      also ＠, spaces around @, IDN domains, "at/dot" forms,
 *                                   艾特, 小老鼠, and '#'/'%'/'*' stand-ins the writer explains
 *   ID numbers      → [id-card]    18-digit (check digit), 15-digit (with an ID word or 6-6-3),
 *                                   HK (check digit), TW, SG NRIC/FIN (check letter), UK NI,
 *                                   US SSN (by an SSN word), passports and travel permits
 *                                   (港澳通行证, 台胞证, 回乡证) by their word
 *   bank cards      → [bank-card]  13–19 digits passing Luhn AND an issuer prefix or a word for
 *                                   the card (random order numbers: ~0.9% taken)
 *   WeChat ids      → [wechat]     after (or before) 微信/vx/wx/V信/+V/weixin/WeChat, and wxid_…
 *   QQ numbers      → [qq]         after (or before) QQ/扣扣/企鹅号/加Q/Q：
 *
 * Numbers labelled as orders, tracking, meetings, versions or timestamps, amounts and dates
 * stay. Full-width digits, ＠, NBSP and other look-alikes are folded for matching only; the
 * rest of the text is returned as typed. Everything runs in linear time, and never on more
 * than MAX_INPUT_CHARS (+ a 64-character look-ahead): longer texts are TRUNCATED, not
 * rejected — the rep's quote is kept as far as it goes, the cut never splits a datum, and
 * `truncated` tells the caller to say so to the rep. Call limitInput first wherever the text
 * is used unredacted (REDACTION=off).
 */
import { passesLuhn } from './redact/checks.ts';
import { KINDS, PLACEHOLDER, type Kind, type Span } from './redact/kinds.ts';
import { scan } from './redact/scan.ts';

export { passesLuhn };
export type { Kind, Span };

/** The longest text any pattern sees; longer texts are cut (Telegram's own limit is 4,096). */
export const MAX_INPUT_CHARS = 4000;
/** How far past the limit we look so the cut never falls inside a phone number or a card. */
const LOOKAHEAD = 64;

export interface Limited {
  text: string;
  truncated: boolean;
}

/** `text` cut to MAX_INPUT_CHARS — before, never inside, a datum or a surrogate pair. */
export function limitInput(text: string): Limited {
  if (text.length <= MAX_INPUT_CHARS) return { text, truncated: false };
  let cut = MAX_INPUT_CHARS;
  for (const span of scan(text.slice(0, MAX_INPUT_CHARS + LOOKAHEAD))) {
    if (span.start < cut && span.end > cut) cut = span.start;
  }
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return { text: text.slice(0, cut), truncated: true };
}

/** The personal data in (the first MAX_INPUT_CHARS of) `text`: offsets into `text` and kinds. */
export function findPersonalData(text: string): Span[] {
  return scan(limitInput(text).text);
}

export interface RedactionReport {
  text: string;
  /** How many of each kind were replaced — for logs and metrics, never the values. */
  found: Record<Kind, number>;
  /** The text was longer than MAX_INPUT_CHARS and was cut. */
  truncated: boolean;
}

/** `text` with personal data replaced by typed placeholders, and what was replaced. */
export function redactWithReport(text: string): RedactionReport {
  const limited = limitInput(text);
  const found = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
  let out = '';
  let at = 0;
  for (const span of scan(limited.text)) {
    out += limited.text.slice(at, span.start) + PLACEHOLDER[span.kind];
    found[span.kind]++;
    at = span.end;
  }
  return { text: out + limited.text.slice(at), found, truncated: limited.truncated };
}

/** Returns `text` with personal data replaced by typed placeholders. */
export function redact(text: string): string {
  return redactWithReport(text).text;
}
