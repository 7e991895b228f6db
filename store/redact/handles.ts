/**
 * Personal data recognised by the word in front of it: WeChat ids and QQ numbers
 * (微信/vx/wx/V信/weixin/WeChat, QQ/扣扣/企鹅号 followed by the id), passport numbers after
 * 护照/passport, and the Hong Kong and Taiwan identity cards (check digit, plus a word for
 * the forms that would otherwise match product codes). Every pattern is bounded.
 */
import { hkIdValid, twIdValid } from './checks.ts';
import type { ContextIndex } from './context.ts';
import type { Kind, Span } from './kinds.ts';

const FILLER = String.raw`(?:[\s:=,~\-(\[]|，|号码|號碼|号|號|账号|帳號|是|为|為|同号|搜索|搜|加|叫|联系方式|联系|聯繫|私聊|找我|也是|(?:id|is|me|on|at|no\.?|number|account|handle|username|user)(?![A-Za-z]))`;
const MARKER = /[:=(\[号號是为為]|id|is|no|number|account|handle|user/i;
const WECHAT_WORD = String.raw`(?:微信号?|微訊號?|威信|薇信|徽信|(?<![A-Za-z])[vV]信|加微|(?<![A-Za-z])(?:vx|wx|weixin|wei xin|wechat|we chat|加[vV]|\+\s?(?:[vV]|vx|wx))(?![A-Za-z]))`;
const WECHAT = new RegExp(`${WECHAT_WORD}(${FILLER}{0,8})([A-Za-z][-_A-Za-z0-9]{5,19}|\\d{5,12})(?![-_A-Za-z0-9])`, 'gi');
const WXID = /(?<![A-Za-z0-9_])wxid_[A-Za-z0-9]{6,24}(?![A-Za-z0-9_])/gi;
// "加Q 12345678", "Q：12345678", "Q号": a lone Q counts when 加/+ precede it or ':'/号 follow it.
const QQ = new RegExp(`(?:(?<![A-Za-z])qq(?![A-Za-z])|扣扣|企鹅号?|企鵝號?|(?:加|\\+\\s?)q(?![A-Za-z])|(?<![A-Za-z])q(?=\\s?[:号號])|抠抠)(?:群|${FILLER}){0,8}([1-9](?:[ -]?\\d){4,11})(?![\\d])`, 'gi');
/** Passport-shaped tokens; they count when a passport word is shortly before. */
const PASSPORT = /(?<![A-Za-z0-9])(?:[A-Za-z]{1,2}\d{6,9}|\d{8,9})(?![A-Za-z0-9])/g;
const HKID = /(?<![A-Za-z0-9])([A-Za-z]{1,2})\s?(\d{6})\s?(?:\(\s?([0-9Aa])\s?\)|([0-9Aa]))(?![A-Za-z0-9])/g;
const TWID = /(?<![A-Za-z0-9])[A-Za-z][12]\d{8}(?![A-Za-z0-9])/g;
/** Words that follow "WeChat" in ordinary sentences and are not ids. */
const NOT_IDS = new Set(['message', 'messages', 'payment', 'official', 'account', 'contact', 'contacts', 'channel', 'channels', 'groups', 'moments', 'mini-program', 'please', 'tomorrow', 'tonight', 'instead', 'directly', 'because', 'before', 'always', 'should', 'number', 'details', 'request', 'support', 'anyway', 'either', 'friend', 'friends', 'version', 'private', 'nothing', 'yesterday', 'chatting', 'texting']);

function spansOf(s: string, re: RegExp, kind: Kind, group: number, accept: (m: RegExpExecArray) => boolean = () => true): Span[] {
  const spans: Span[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (!accept(m)) {
      re.lastIndex = m.index + 1;
      continue;
    }
    const value = m[group]!;
    const end = m.index + m[0].length;
    spans.push({ start: end - value.length, end, kind });
  }
  return spans;
}

/** WeChat ids, QQ numbers, passports and HK/TW identity cards in the normalised text `s`. */
export function findHandles(s: string, ctx: ContextIndex): Span[] {
  const wechat = spansOf(s, WECHAT, 'wechat', 2, (m) => {
    const id = m[2]!;
    if (/[\d_-]/.test(id)) return true;
    // Letters only: after a Chinese keyword ("微信 liwei") it is an id; after "WeChat" it may
    // be the next English word, so it needs a marker (':', 'is', 'id').
    const chineseWord = /[\u4e00-\u9fff]/.test(m[0].slice(0, m[0].length - id.length - m[1]!.length));
    return (chineseWord || MARKER.test(m[1]!)) && !NOT_IDS.has(id.toLowerCase());
  });
  return [
    ...wechat,
    ...spansOf(s, WXID, 'wechat', 0),
    ...spansOf(s, QQ, 'qq', 1),
    ...spansOf(s, PASSPORT, 'id_number', 0, (m) => ctx.before('passport', m.index, 32)),
    ...spansOf(s, HKID, 'id_number', 0, (m) => {
      const bracketed = m[3] !== undefined;
      const checked = hkIdValid(m[1]!, m[2]!, m[3] ?? m[4]!) && m[1] === m[1]!.toUpperCase();
      const worded = ctx.before('id', m.index, 32);
      return bracketed ? checked || worded : checked && worded;
    }),
    ...spansOf(s, TWID, 'id_number', 0, (m) => twIdValid(m[0]) && ctx.before('id', m.index, 32)),
  ];
}
