/**
 * Personal data recognised by the word next to it: WeChat ids and QQ numbers after
 * 微信/vx/wx/V信/weixin/WeChat/V：, QQ/扣扣/企鹅号/Q Q (fillers such as '：', '号码是', quotes,
 * '#', '@' or a slash to the other app's name in between), and before it in the few
 * phrasings people use the other way round ("add lily_0923 on WeChat", "liwei_88是我微信",
 * "12345678 (QQ)"). Every pattern is bounded.
 */
import type { ContextIndex } from './context.ts';
import type { Kind, Span } from './kinds.ts';

const FILLER = String.raw`(?:[\s:=,~\-(\[#@/|?"'“”‘’「」『』]|，|号码|號碼|号|號|账号|帳號|是|为|為|同号|搜索|搜|加|叫|联系方式|联系|聯繫|私聊|找我|也是|吧|哦|呀|啊|的|我|一下|→|(?:id|is|me|on|at|as|via|under|it's|its|i'm|i am|name|no\.?|number|account|handle|username|user|search)(?![A-Za-z]))`;
const MARKER = /[:=(\[号號是为為"“「@]|id|is|no|number|account|handle|user/i;
const WECHAT_WORD = String.raw`(?:微信号?|微訊號?|威信|薇信|徽信|(?<![A-Za-z])[vV]信|加微|[微薇](?=\s?:)|(?<![A-Za-z])(?:vx|wx|weixin|wei xin|wechat|we chat|加[vV]|\+\s?(?:[vV]|vx|wx)|[vV](?=\s?:))(?![A-Za-z]))`;
const QQ_WORD = String.raw`(?:(?<![A-Za-z])(?:qq|q\s?q)(?![A-Za-z])|扣扣|企鹅号?|企鵝號?|(?:加|\+\s?)q(?![A-Za-z])|(?<![A-Za-z])q(?=\s?[:号號])|抠抠)`;
/** The other app's name between a keyword and its id ("QQ/微信 12345678", "WeChat/QQ: li_88"). */
const OTHER_APP = String.raw`(?:微信|wechat|vx|wx|qq)(?![A-Za-z])`;
const WECHAT = new RegExp(`${WECHAT_WORD}((?:${FILLER}|${OTHER_APP}){0,8})([A-Za-z][-_A-Za-z0-9]{5,19}|\\d{5,12})(?![-_A-Za-z0-9])`, 'gi');
const WXID = /(?<![A-Za-z0-9_])wxid_[A-Za-z0-9]{6,24}(?![A-Za-z0-9_])/gi;
// "加Q 12345678", "Q：12345678", "Q号": a lone Q counts when 加/+ precede it or ':'/号 follow it.
const QQ = new RegExp(`${QQ_WORD}(?:群|${FILLER}|${OTHER_APP}){0,8}([1-9](?:[ -]?\\d){4,11})(?![\\d])`, 'gi');
/**
 * A few words between the name and an id shaped like one (letters with a digit or '_', or a
 * long number): "微信可以直接搜 lily_0923", "QQ 平时用的是 12345678". No digits in between.
 */
const LOOSE_GAP = String.raw`([^\n\d]{0,12}?)`;
const WECHAT_LOOSE = new RegExp(`${WECHAT_WORD}${LOOSE_GAP}([A-Za-z][-_A-Za-z0-9]{5,19})(?![-_A-Za-z0-9])`, 'gi');
const QQ_LOOSE = new RegExp(`${QQ_WORD}${LOOSE_GAP}([1-9]\\d{5,10})(?!\\d)`, 'gi');
/** What the words in between may not be about: a payment, an order, a version, a group's size. */
const NOT_AN_ID_GAP = /支付|付款|订单|訂單|版本|群|空间|空間|音乐|音樂|pay|order|version|group|official|mini/i;
/** An id with a digit, '_' or '-' right before the app's name: "add lily_0923 on WeChat". */
const WECHAT_BEFORE = /(?<![-_A-Za-z0-9])([A-Za-z][-_A-Za-z0-9]{5,19})(?:\s{0,2}(?:on|via|in|is my|是我的?|是|\(|（)){1,2}\s{0,2}(?:wechat|we chat|weixin|微信|vx|wx)(?![A-Za-z])/gi;
const QQ_BEFORE = /(?<![\d])([1-9]\d{4,11})\s{0,2}(?:\(|（|on|is my|是我的?|是)\s{0,2}(?:qq|扣扣)(?![A-Za-z])/gi;
/** Words that follow "WeChat" in ordinary sentences and are not ids. */
const NOT_IDS = new Set(['message', 'messages', 'payment', 'official', 'account', 'contact', 'contacts', 'channel', 'channels', 'groups', 'moments', 'mini-program', 'please', 'tomorrow', 'tonight', 'instead', 'directly', 'because', 'before', 'always', 'should', 'number', 'details', 'request', 'support', 'anyway', 'either', 'friend', 'friends', 'version', 'private', 'nothing', 'yesterday', 'chatting', 'texting']);

/** Spans of `re`'s capture group `group`, which ends the match (or opens it, with `atStart`). */
function spansOf(s: string, re: RegExp, kind: Kind, group: number, accept: (m: RegExpExecArray) => boolean = () => true, atStart = false): Span[] {
  const spans: Span[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (!accept(m)) {
      re.lastIndex = m.index + 1;
      continue;
    }
    const value = m[group]!;
    const end = atStart ? m.index + value.length : m.index + m[0].length;
    spans.push({ start: end - value.length, end, kind });
  }
  return spans;
}

/** WeChat ids and QQ numbers in the normalised text `s`. */
export function findHandles(s: string, ctx: ContextIndex): Span[] {
  const wechat = spansOf(s, WECHAT, 'wechat', 2, (m) => {
    const id = m[2]!;
    if (/[\d_-]/.test(id)) return true;
    // Letters only: after a Chinese keyword ("微信 liwei") it is an id; after "WeChat" it may
    // be the next English word, so it needs a marker (':', 'is', 'id').
    const chineseWord = /[\u4e00-\u9fff]/.test(m[0].slice(0, m[0].length - id.length - m[1]!.length));
    return (chineseWord || MARKER.test(m[1]!)) && !NOT_IDS.has(id.toLowerCase());
  });
  // QQ first: a number after both names ("QQ/微信 12345678") is more likely a QQ number.
  return [
    // "QQ群 200000 人" is a head count, not a number to add.
    ...spansOf(s, QQ, 'qq', 1, (m) => !ctx.quantity(m.index + m[0].length - m[1]!.length, m.index + m[0].length)),
    ...spansOf(s, QQ_BEFORE, 'qq', 1, undefined, true),
    ...wechat,
    ...spansOf(s, WECHAT_BEFORE, 'wechat', 1, (m) => /[\d_-]/.test(m[1]!), true),
    ...spansOf(s, WXID, 'wechat', 0),
    ...spansOf(s, WECHAT_LOOSE, 'wechat', 2, (m) => /\d|_/.test(m[2]!) && !NOT_AN_ID_GAP.test(m[1]!)),
    ...spansOf(s, QQ_LOOSE, 'qq', 2, (m) => !NOT_AN_ID_GAP.test(m[1]!) && !ctx.quantity(m.index + m[0].length - m[2]!.length, m.index + m[0].length)),
  ];
}
