/**
 * The words around a candidate that tell what it is: a phone, card, ID, passport or e-mail
 * word shortly before it licenses a weaker format; an order, tracking, version or timestamp
 * label right before it, a currency sign before it or a unit after it, says it is not
 * personal data. Keyword positions are found in one pass per kind over the whole text, and
 * each question is a binary search or a fixed-size window, so the cost stays linear.
 */

const WINDOW = 24;

const WORDS = {
  phone: /电话|電話|手机|手機|手提|行動|流動|座机|座機|固话|固話|分机|分機|总机|總機|号码|號碼|联系|聯繫|聯絡|联络|致电|致電|打给|打給|热线|熱線|办公室|辦公室|传真|傳真|短信|简讯|簡訊|专线|專線|直线|直線|(?<![a-z])(?:tel|(?:tele|cell|smart)?phone|mobile|mob|cell|call|ring|dial|landline|(?:hot)?line|office|direct|switchboard|voice|fax|whatsapp|viber|telegram|signal|contact|reach|number|text me|sms|tlf)(?:s|ed|ing)?(?![a-z])|(?<![a-z])(?:t|m|p|ph|mob|hp|o|d|w|c|dir|tel)\s?[:#]|(?<![a-z])(?:mob|ph|tel|cel)\.|(?<![^\n])[ ]{0,3}[tmodcfw](?= {1,3}[+(\d])/gi,
  card: /卡|账号|帳號|账户|帳戶|开户|開戶|转账|轉賬|汇款|匯款|打款|收款|银行|銀行|银联|銀聯|退款|退到|扣款|刷卡|分期|card|account|acct|bank|visa|master|amex|unionpay|iban|refund|charge|debit|credit/gi,
  id: /身份|身分|证件|證件|证号|證號|居民|公民|(?<![a-z])(?:id|ic|nric|fin|nino)(?![a-z])|identity|hkid|resident|national insurance/gi,
  passport: /护照|護照|passport|通行证|通行證|旅行证|旅行證|台胞证|臺胞證|台胞證|回乡证|回鄉證|permit|travel doc/gi,
  email: /邮箱|郵箱|邮件|郵件|电邮|電郵|信箱|地址|mail|address|(?<![a-z])e\s?:/gi,
  /** Words that can only mean a phone ("number", "call" or "contact" may be about anything). */
  phoneItself: /电话|電話|手机|手機|手提|座机|座機|固话|固話|传真|傳真|(?<![a-z])(?:tel|(?:tele|cell|smart)?phone|mobile|mob|cell|landline|fax|whatsapp)(?![a-z])/gi,
  /** Words for numbers that are records, not people: a number shortly after one needs its own word. */
  record: /订单|訂單|单号|單號|运单|運單|快递|快遞|物流单|注册|註冊|登记|登記|会议|會議|工单|工單|(?<![a-z])(?:order|tracking|waybill|awb|invoice|registration|ref|reference|ticket|booking|shipment|parcel|zoom|meeting|webex|po|p\.o\.|purchase order)(?:s|ed)?(?![a-z])/gi,
  /** Words for a payment card itself (an account or a refund alone may be anything). */
  cardItself: /卡|银行|銀行|银联|銀聯|刷卡|card|bank|visa|master|amex|unionpay|jcb|discover|diners/gi,
};
export type WordKind = keyof typeof WORDS;

/** Web links; wa.me and WhatsApp's own links carry a phone number and are left to the detectors. */
const LINK = /(?:https?:\/\/|www\.)(?!wa\.me|api\.whatsapp|(?:www\.)?wa\.me)[^\s]{1,500}/gi;
const PHONE_LABEL = new RegExp(`(?:${WORDS.phone.source}|打|拨|撥)$`, 'i');
const ORDER_LABEL = /(?:订单|訂單|单|單|单号|單號|运单|運單|快递|快遞|物流|order|tracking|waybill|awb|invoice|registration|reg|注册|註冊|登记|登記|税号|稅號|信用代码|p\.o|发票|發票|流水|交易|编号|編號|工单|工單|合同|sku|serial|序列|ticket|ref|reference|参考|參考|批次|batch|批号|批號|型号|型號|model|条码|條碼|barcode|isbn|货号|貨號|单据|單據|po|case|时间戳|時間戳|timestamp|epoch|unix|版本|version|build|会议|會議|meeting|zoom|webex|conference|验证码|驗證碼|房间|房間|room|商品|item|product|receipt|收据|收據)$/i;
const AMOUNT_LABEL = /(?:预算|預算|报价|報價|价格|價格|金额|金額|总价|總價|单价|單價|合计|合計|费用|費用|成本|营收|營收|收入|利润|利潤|工资|工資|budget|price|cost|total|amount|revenue|quote|quoted|fee|salary)$/i;
const FILLER_CHARS = ' \n\t:#=-,.()，是为為号號码碼';
const FILLER_WORDS = ['number', 'is', 'no', 'nr', 'id'];
const CURRENCY_BEFORE = /(?:[$¥￥€£]|rmb|usd|cny|hkd|ntd|eur|gbp|人民币|人民幣)\s?$/i;
const UNIT_AFTER = /^ ?(?:元|块|塊|万|萬|亿|億|人|个|個|台(?![湾灣北中南])|件|套|张|張|次|天|秒|分钟|小时|年|%|美元|美金|港币|港幣|刀|rmb|usd|hkd|cny|yuan|dollars?|pcs|units|seats|users|kg|km|ms|mb|gb|kb)/i;

/** Where each kind of keyword occurs in one (normalised) text. */
export class ContextIndex {
  private readonly s: string;
  private readonly starts = new Map<WordKind, number[]>();
  private readonly ends = new Map<WordKind, number[]>();
  private readonly labels = new Map<number, 'phone' | 'order' | 'amount' | null>();
  private readonly links: number[] = [];

  constructor(s: string) {
    this.s = s;
    for (const kind of Object.keys(WORDS) as WordKind[]) {
      const starts: number[] = [];
      const ends: number[] = [];
      for (const m of s.matchAll(WORDS[kind])) {
        starts.push(m.index);
        ends.push(m.index + m[0].length);
      }
      this.starts.set(kind, starts);
      this.ends.set(kind, ends);
    }
    for (const m of s.matchAll(LINK)) this.links.push(m.index, m.index + m[0].length);
  }

  /** `pos` lies inside a web link (a meeting URL's id, a path) — not a click-to-chat one. */
  inLink(pos: number): boolean {
    const at = firstAtLeast(this.links, pos + 1);
    return at % 2 === 1;
  }

  /** A `kind` word ends within `size` characters before `pos`. */
  before(kind: WordKind, pos: number, size = WINDOW): boolean {
    return anyWithin(this.ends.get(kind)!, pos - size, pos);
  }

  /** A `kind` word starts within `size` characters after `pos`. */
  after(kind: WordKind, pos: number, size = 20): boolean {
    return anyWithin(this.starts.get(kind)!, pos, pos + size);
  }

  /** What the text right before `pos` (fillers such as ':' or 'no.' skipped) labels the number as. */
  label(pos: number): 'phone' | 'order' | 'amount' | null {
    let known = this.labels.get(pos);
    if (known !== undefined) return known;
    const label = stripFillers(this.s.slice(Math.max(0, pos - WINDOW), pos)).slice(-12);
    const lastUnit = label.charCodeAt(label.length - 1);
    const wordy = lastUnit > 0x2e80 || (lastUnit | 0x20) >= 0x61 && (lastUnit | 0x20) <= 0x7a;
    known = !wordy ? null : ORDER_LABEL.test(label) ? 'order' : AMOUNT_LABEL.test(label) ? 'amount' : PHONE_LABEL.test(label) ? 'phone' : null;
    this.labels.set(pos, known);
    return known;
  }

  /** A currency sign or an amount word before `start`, or a unit after `end`: an amount or a quantity. */
  quantity(start: number, end: number): boolean {
    return this.label(start) === 'amount' || CURRENCY_BEFORE.test(this.s.slice(Math.max(0, start - 6), start)) || UNIT_AFTER.test(this.s.slice(end, end + 8));
  }
}

/** `text` without the fillers at its end (spaces, ':', '号', 'no.', 'is' …). */
function stripFillers(text: string): string {
  let end = text.length;
  for (;;) {
    if (end > 0 && FILLER_CHARS.includes(text[end - 1]!)) {
      end--;
      continue;
    }
    const tail = text.slice(0, end).toLowerCase();
    const word = FILLER_WORDS.find((w) => tail.endsWith(w) && !/[a-z]/.test(tail[tail.length - w.length - 1] ?? ''));
    if (!word) return text.slice(0, end);
    end -= word.length;
  }
}

/** Whether the sorted `positions` hold a value in [from, to]. */
function anyWithin(positions: number[], from: number, to: number): boolean {
  const lo = firstAtLeast(positions, from);
  return lo < positions.length && positions[lo]! <= to;
}

/** The index of the first of the sorted `positions` that is ≥ `from` (binary search). */
function firstAtLeast(positions: number[], from: number): number {
  let lo = 0;
  let hi = positions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (positions[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
