/**
 * E-mail addresses, found from their '@' outwards rather than by a pattern that starts
 * everywhere (the old pattern was quadratic on long unbroken runs). Handles '＠' (folded),
 * spaces around '@', Chinese (IDN) domains, and obfuscated forms people type to dodge
 * scrapers: "li at qq dot com", "li[at]163[dot]com", "li(at)gmail(dot)com", "li#163.com",
 * "li艾特qq点com", "li%sina.com（%改成@）", "li小老鼠qq点com". The weak forms (a bare "at";
 * '#', '%', '*', '&' or '$' glued in) count only with an obfuscated dot, a mail provider's domain, a mail word shortly before, or an
 * '@' shortly after saying what the stand-in means.
 */
import type { ContextIndex } from './context.ts';
import type { Span } from './kinds.ts';

const AT_TOKEN = /@|[[({<【]\s{0,2}(?:at|艾特)\s{0,2}[\])}>】]|(?<=\s)at(?=\s)|艾特|小老鼠|[#%*&$]/gi;
const DOT_TOKEN = /\.|\s?(?:\.|。|｡|[点點])\s?|\s?[[({<【]\s{0,2}dot\s{0,2}[\])}>】]\s?|\s{1,2}dot\s{1,2}/iy;
const LOCAL_CHAR = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}0-9._%+-]/u;
// A label is alphabetic (Latin with diacritics — café, münchen — Greek, Cyrillic) or CJK
// (例子, 例え), never both: "qq.com谢谢" ends at "com".
const ALPHA_LABEL = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}0-9](?:[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}0-9-]{0,61}[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}0-9])?/uy;
const CJK_LABEL = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u70b8\u70ba-\u9ede\u9ee0-\u9fff\uac00-\ud7af]{1,20}/y; // not 点 (70b9) or 點 (9ede); Hangul too
/** Top-level domains in Cyrillic or Greek (.рф, .бг, .укр, .ελ). */
const OTHER_TLD = /^(?:[\p{Script=Cyrillic}]{2,6}|[\p{Script=Greek}]{2,6})$/u;
/** "（%改成@）", "— swap the # for @", "(% is @)": the writer says which character stands for '@'. */
const AT_INSTRUCTION = /@(?![\p{L}\p{N}])/u;
const CJK_TLDS = ['中国', '中國', '公司', '网络', '網絡', '香港', '台湾', '台灣', '在线', '在線', '网址', '网站', '网店', '中文网', '商城', '商店', '商标', '集团', '企业', '信息', '机构', '游戏', '娱乐', '时尚', '购物', '手机', '世界', '健康', '我爱你', '移动', '澳門', '新加坡', '政务', '公益', '한국', '닷컴', '닷넷', 'みんな', 'コム'];
const COMMON_TLDS = new Set(['com', 'cn', 'net', 'org', 'edu', 'gov', 'io', 'hk', 'tw', 'mo', 'uk', 'us', 'co', 'me', 'info', 'biz', 'jp', 'sg', 'de', 'fr', 'au', 'ca', 'kr', 'my', 'ai', 'app', 'dev', 'top', 'xyz', 'vip', 'cc']);
const PROVIDERS = new Set(['qq', 'vip.qq', 'foxmail', '163', '126', 'yeah', '139', '189', '188', 'sina', 'sohu', 'aliyun', 'gmail', 'googlemail', 'outlook', 'hotmail', 'live', 'msn', 'yahoo', 'icloud', 'me', 'mail', 'proton', 'protonmail', 'tom', '21cn', 'wo', 'hey']);

interface Domain {
  end: number;
  firstLabel: string;
  obfuscated: boolean;
}

/** A top-level domain as typed: lower, upper or title case (".com", ".COM", ".Com"). */
function asciiTld(label: string): boolean {
  return /^(?:[a-z]{2,10}|[A-Z]{2,10}|[A-Z][a-z]{1,9})$/.test(label);
}

/** The longest well-formed domain starting at `from`: two or more labels, a real-looking TLD. */
function parseDomain(s: string, from: number): Domain | null {
  let pos = from;
  let labels = 0;
  let firstLabel = '';
  let obfuscated = false;
  let weakDot = false;
  let best: Domain | null = null;
  while (labels < 10 && pos - from < 256) {
    ALPHA_LABEL.lastIndex = pos;
    CJK_LABEL.lastIndex = pos;
    const m = ALPHA_LABEL.exec(s) ?? CJK_LABEL.exec(s);
    if (!m) break;
    const label = m[0];
    labels++;
    if (labels === 1) firstLabel = label.toLowerCase();
    pos += label.length;
    if (labels >= 2) {
      const cjk = CJK_TLDS.find((t) => label.startsWith(t));
      if (cjk) best = { end: pos - label.length + cjk.length, firstLabel, obfuscated };
      else if ((asciiTld(label) && (!weakDot || COMMON_TLDS.has(label.toLowerCase()))) || (!weakDot && OTHER_TLD.test(label))) best = { end: pos, firstLabel, obfuscated };
      if (cjk && cjk.length < label.length) break;
    }
    DOT_TOKEN.lastIndex = pos;
    const dot = DOT_TOKEN.exec(s);
    if (!dot) break;
    weakDot = dot[0] !== '.';
    obfuscated ||= weakDot && !/^\s?\.\s?$/.test(dot[0]);
    pos += dot[0].length;
  }
  return best;
}

/** Start of the local part ending at `end` (up to 64 characters), or -1. */
function localStart(s: string, end: number): number {
  let p = end;
  while (p > 0 && end - p < 64 && LOCAL_CHAR.test(s[p - 1]!)) p--;
  while (p < end && !/[\p{L}0-9]/u.test(s[p]!)) p++;
  return p < end ? p : -1;
}

/** An obfuscated dot and a word before the local part ("li dot wei at …"): up to three. */
const DOT_BEFORE = /(?:[A-Za-z0-9_-]{1,32})(?:\s{1,2}dot\s{1,2}|\s?[[({<【]\s{0,2}dot\s{0,2}[\])}>】]\s?|\s?[点點]\s?)$/i;
function extendLocal(s: string, start: number): number {
  let p = start;
  for (let k = 0; k < 3; k++) {
    const m = DOT_BEFORE.exec(s.slice(Math.max(0, p - 48), p));
    if (!m) break;
    p -= m[0].length;
  }
  return p;
}

/** A Chinese local part (张三@公司.中国), at most 8 characters, when there is no ASCII one. */
function cjkLocalStart(s: string, end: number): number {
  let p = end;
  while (p > 0 && end - p < 8 && /[\u4e00-\u9fff]/.test(s[p - 1]!)) p--;
  return p < end ? p : -1;
}

const skipSpaces = (s: string, pos: number, step: 1 | -1, max: number) => {
  let p = pos;
  while (Math.abs(p - pos) < max && s[step === 1 ? p : p - 1] === ' ') p += step;
  return p;
};

/** E-mail addresses in the normalised text `s`. */
export function findEmails(s: string, ctx: ContextIndex): Span[] {
  const spans: Span[] = [];
  AT_TOKEN.lastIndex = 0;
  for (let m = AT_TOKEN.exec(s); m; m = AT_TOKEN.exec(s)) {
    const token = m[0];
    const glued = token.length === 1 && token !== '@';
    // 艾特 is "at" spelt in Chinese: written between a local part and a domain it means '@'.
    const weak = glued || token.toLowerCase() === 'at';
    const localEnd = glued ? m.index : skipSpaces(s, m.index, -1, 2);
    let start = localStart(s, localEnd);
    if (start < 0 && token === '@') start = cjkLocalStart(s, localEnd);
    if (start < 0) continue;
    if (weak) start = extendLocal(s, start);
    const domain = parseDomain(s, glued ? m.index + 1 : skipSpaces(s, m.index + token.length, 1, 2));
    if (!domain) continue;
    // A bare "at" after an address-shaped local part (zhao.qiang2019 at …) is not English.
    const addressShaped = token.toLowerCase() === 'at' && /[._\d-]/.test(s.slice(start, localEnd));
    // "in writing at guo.peng@…": what looked like a domain is the next address's local part.
    if (weak && /^[@#%]/.test(s.slice(domain.end, domain.end + 1))) continue;
    const explained = glued && (AT_INSTRUCTION.test(s.slice(domain.end, domain.end + 40)) || AT_INSTRUCTION.test(s.slice(Math.max(0, start - 40), start)));
    if (weak && !addressShaped && !explained && !domain.obfuscated && !PROVIDERS.has(domain.firstLabel) && !ctx.before('email', start, 32)) continue;
    spans.push({ start, end: domain.end, kind: 'email' });
    AT_TOKEN.lastIndex = Math.max(AT_TOKEN.lastIndex, domain.end);
  }
  return spans;
}
