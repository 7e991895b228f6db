/**
 * E-mail addresses (plain, odd and obfuscated), identity numbers with valid check digits,
 * Luhn-valid card numbers, WeChat ids and QQ numbers, each in the formats people type.
 */
import type { Rng } from './rng.ts';
import { cnIdCheck, hkidCheck, luhnCheckDigit, toFullWidth, twIdCheck, validDate } from './checks.ts';

export type Named = { zh: string; en: string };
export type OtherValue = {
  kind: 'email' | 'id_number' | 'bank_card' | 'wechat' | 'qq';
  value: string;
  tag: string;
  /** Text that must follow the value directly (the "replace # with @" hint). */
  after?: Named;
  bank?: Named;
};

const NBSP = '\u00a0';
const ZH_LOCAL = ['wanglei', 'zhang.wei', 'li_na', 'chenjing', 'liu.yang', 'huangmin', 'zhao.qiang', 'sunli', 'zhou_tao', 'wuhao', 'xu.fang', 'ma.jun', 'hu.xiaoyan', 'guo.peng', 'he.lin', 'lin.yi', 'luo.bin', 'gao.ming', 'liang.yu', 'song.jie', 'tang.li', 'han.xue', 'feng.chao', 'deng.hui', 'cao.yang', 'peng.fei', 'zeng.li', 'xiao.wen', 'tian.rui', 'pan.yue', 'yang_fan', 'jiang.hong'];
const EN_LOCAL = ['john.miller', 'sarah.k', 'priya.nair', 'd.okafor', 'mtanaka', 'emily.wong', 'tom_harris', 'helen.brooks', 'raj.patel', 'lucy.m', 'j.schmidt', 'olivia.chen', 'ben.carter', 'anna.kowalski', 'marco.rossi', 'sophie.dubois', 'kevin.lee', 'grace.ng', 'peter.hughes', 'nina.fischer', 'mark.davies', 'aisha.b', 'chris_p', 'laura.gomez'];
const FREE = ['163.com', '126.com', 'qq.com', 'sina.com', 'sohu.com', 'foxmail.com', 'aliyun.com', 'yeah.net', '139.com', 'gmail.com', 'outlook.com', 'hotmail.com', 'yahoo.co.uk', 'icloud.com', 'proton.me'];
const CORP = ['huaxin-tech.com', 'zhongda-group.com.cn', 'jiale-home.cn', 'yuanhang56.com', 'hengtong-med.com', 'acme-logistics.com', 'northwind.io', 'brightpath.co.uk', 'bluewave.de', 'harborfoods.com', 'kestrelhealth.org', 'summit-retail.com', 'jinqiao-re.com', 'xinrui-edu.cn'];
const SUB = ['mail.zhongda-group.com.cn', 'sh.huaxin-tech.com', 'corp.northwind.io', 'eu.bluewave.de', 'mail.gz.hengtong-med.com', 'sales.acme-logistics.com', 'bj.jinqiao-re.com', 'staff.kestrelhealth.org'];
const ZH_USER = ['张三', '王伟', '李娜', '陈静', '刘洋', '赵强', '孙丽', '周涛', '黄敏', '林一'];
const ZH_DOMAIN = ['例子.公司', '华信科技.中国', '公司.中国', '嘉乐家居.cn', '中达集团.公司', '远航物流.网络', '华信.中国', '恒通医疗.cn'];
const LATIN_IDN = ['k.mueller@münchen.de', 'jürgen@bäckerei-weiß.de', 'anna@zürich-consult.ch', 'josé@café-lisboa.pt', 'sales@例え.jp', 'björn@malmö-bygg.se', 'f.garcia@españa-export.es', 'l.dubois@crème-brûlée.fr', 's.yilmaz@güneş-tekstil.com.tr'];
const idn = (rng: Rng): string => (rng.chance(0.6) ? `${rng.pick(ZH_USER)}@${rng.pick(ZH_DOMAIN)}` : rng.chance(0.3) ? `${rng.pick(ZH_LOCAL)}@${rng.pick(ZH_DOMAIN)}` : rng.pick(LATIN_IDN));

const cap = (s: string): string => s.replace(/(^|[._])([a-z])/g, (_m, p: string, c: string) => p + c.toUpperCase());
const dots = (dom: string, word: string): string => dom.split('.').join(word);

export function email(rng: Rng, lang: 'zh' | 'en'): OtherValue {
  const base = lang === 'zh' ? (rng.chance(0.85) ? ZH_LOCAL : EN_LOCAL) : rng.chance(0.7) ? EN_LOCAL : ZH_LOCAL;
  let user = rng.pick(base);
  if (rng.chance(0.35)) user += rng.pick(['88', '1988', '521', '2019', '07', '666', '1990', '_sh', '.bj', '2024']);
  const dom = rng.chance(0.5) ? rng.pick(FREE) : rng.pick(CORP);
  const e = (value: string, after?: Named): OtherValue => ({ kind: 'email', value, tag: 'email', ...(after ? { after } : {}) });
  const form = rng.weighted<string>([
    ['plain', 12], ['sub', 3], ['upper', 2], ['cap', 2], ['plus', 3], ['fw', 3], ['fwdot', 1], ['sp', 2], ['spr', 1], ['spl', 1],
    ['idn', 6], ['at-dot', 2], ['br', 2], ['paren', 1], ['AT', 1], ['brsp', 1], ['hash', 2], ['aite', 1], ['fwparen', 1], ['pct', 1], ['at-only', 1],
  ]);
  switch (form) {
    case 'sub': return e(`${user}@${rng.pick(SUB)}`);
    case 'upper': return e(`${user}@${dom}`.toUpperCase());
    case 'cap': return e(`${cap(user)}@${cap(rng.pick(CORP))}`);
    case 'plus': return e(`${user}+${rng.pick(['crm', 'deals', '2026', 'vendor', 'quotes', 'work'])}@${dom}`);
    case 'fw': return e(`${user}＠${dom}`);
    case 'fwdot': return e(`${user}＠${dom.replace(/\./g, '．')}`);
    case 'sp': return e(`${user} @ ${dom}`);
    case 'spr': return e(`${user}@ ${dom}`);
    case 'spl': return e(`${user} @${dom}`);
    case 'idn': return e(idn(rng));
    case 'at-dot': return e(`${user} at ${dots(dom, ' dot ')}`);
    case 'br': return e(`${user}[at]${dots(dom, '[dot]')}`);
    case 'paren': return e(`${user}(at)${dom}`);
    case 'AT': return e(`${user} AT ${dots(dom, ' DOT ')}`);
    case 'brsp': return e(`${user} [at] ${dots(dom, ' [dot] ')}`);
    case 'hash': return e(`${user}#${dom}`, { zh: rng.pick(['（#换成@）', '(#换成@)', '，#改成@']), en: rng.pick([' (replace # with @)', ' (# = @)', ' — swap the # for @']) });
    case 'aite': return e(`${user}艾特${dom}`);
    case 'fwparen': return e(`${user}（at）${dots(dom, '（dot）')}`);
    case 'pct': return e(`${user}%${dom}`, { zh: '（%改成@）', en: ' (% is @)' });
    case 'at-only': return e(`${user} at ${dom}`);
    default: return e(`${user}@${dom}`);
  }
}

const AREAS = ['110101', '110105', '110108', '310104', '310115', '440106', '440305', '440304', '330106', '320102', '320506', '510107', '420106', '370202', '610113', '430104', '350203', '120101', '500103', '210102', '230103', '410105', '340104', '450103', '530102', '130102', '360102', '441900'];

function cn18Raw(rng: Rng, wantX: boolean): string {
  for (;;) {
    const y = rng.int(1958, 2004);
    const m = rng.int(1, 12);
    const d = rng.int(1, 31);
    if (!validDate(y, m, d)) continue;
    const body = rng.pick(AREAS) + String(y) + String(m).padStart(2, '0') + String(d).padStart(2, '0') + rng.digits(3);
    const c = cnIdCheck(body);
    if ((c === 'X') === wantX) return body + c;
  }
}

export function idNumber(rng: Rng, lang: 'zh' | 'en'): OtherValue {
  const tag = rng.weighted<string>(lang === 'zh' ? [['cn18', 70], ['cn15', 10], ['hkid', 8], ['passport', 8], ['twid', 4]] : [['cn18', 45], ['cn15', 6], ['hkid', 17], ['passport', 26], ['twid', 6]]);
  const v = (value: string): OtherValue => ({ kind: 'id_number', value, tag });
  if (tag === 'cn18') {
    const s = cn18Raw(rng, rng.chance(0.2));
    const sx = s.endsWith('X') && rng.chance(0.3) ? s.slice(0, 17) + 'x' : s;
    const [a, b, c] = [sx.slice(0, 6), sx.slice(6, 14), sx.slice(14)];
    return v(rng.weighted<string>([
      [sx, 8], [`${a} ${b} ${c}`, 4], [`${a}-${b}-${c}`, 1], [`${a} ${b.slice(0, 4)} ${b.slice(4)} ${c}`, 1],
      [toFullWidth(sx), 2], [toFullWidth(`${a} ${b} ${c}`), 1], [`${a}${NBSP}${b}${NBSP}${c}`, 1], [`${a}  ${b}  ${c}`, 1],
    ]));
  }
  if (tag === 'cn15') {
    for (;;) {
      const y = rng.int(50, 84);
      const m = rng.int(1, 12);
      const d = rng.int(1, 28);
      const s = rng.pick(AREAS) + String(y) + String(m).padStart(2, '0') + String(d).padStart(2, '0') + rng.digits(3);
      if (validDate(1900 + y, m, d)) return v(rng.chance(0.8) ? s : `${s.slice(0, 6)} ${s.slice(6, 12)} ${s.slice(12)}`);
    }
  }
  if (tag === 'hkid') {
    const prefix = rng.chance(0.85) ? rng.pick(['A', 'C', 'D', 'E', 'G', 'H', 'K', 'M', 'P', 'R', 'V', 'Y', 'Z']) : rng.pick(['XA', 'WX', 'XD']);
    const six = rng.digits(6);
    const c = hkidCheck(prefix, six);
    return v(rng.weighted<string>([[`${prefix}${six}(${c})`, 6], [`${prefix}${six}（${c}）`, 2], [`${prefix}${six}${c}`, 1], [`${prefix} ${six} (${c})`, 1]]));
  }
  if (tag === 'passport') {
    const letter = 'ABCDEFGHJKLMNPQRSTUVWXYZ'[rng.int(0, 23)] as string;
    const us9 = String(rng.int(5, 6)) + rng.digits(8);
    return v(rng.weighted<string>([[`E${rng.digits(8)}`, 6], [`E${letter}${rng.digits(7)}`, 4], [`G${rng.digits(8)}`, 2], [us9, lang === 'en' ? 2 : 0], [`K${rng.digits(8)}`, 1]]));
  }
  const letter = 'ABCDEFGHJKLMNPQRSTUVXYWZIO'[rng.int(0, 25)] as string;
  const eight = String(rng.int(1, 2)) + rng.digits(7);
  return v(`${letter}${eight}${twIdCheck(letter, eight)}`);
}

const BINS: readonly (readonly [string, number, Named])[] = [
  ['622202', 19, { zh: '工行', en: 'ICBC' }], ['621226', 19, { zh: '工商银行', en: 'ICBC' }], ['622848', 19, { zh: '农行', en: 'ABC' }],
  ['621700', 19, { zh: '建行', en: 'CCB' }], ['621661', 19, { zh: '中国银行', en: 'Bank of China' }], ['622262', 19, { zh: '交行', en: 'BoCom' }],
  ['621483', 16, { zh: '招行', en: 'China Merchants Bank' }], ['622588', 16, { zh: '招商银行', en: 'CMB' }], ['622609', 16, { zh: '民生银行', en: 'CMBC' }],
  ['622908', 18, { zh: '兴业银行', en: 'Industrial Bank' }], ['625965', 16, { zh: '银联', en: 'UnionPay' }], ['623058', 19, { zh: '平安银行', en: 'Ping An Bank' }],
  ['427020', 16, { zh: 'Visa', en: 'Visa' }], ['438088', 16, { zh: '建行Visa', en: 'Visa' }], ['456351', 16, { zh: '中行Visa', en: 'Visa' }],
  ['414720', 16, { zh: 'Visa', en: 'Visa' }], ['491653', 16, { zh: 'Visa', en: 'Visa debit' }], ['540434', 16, { zh: '万事达', en: 'Mastercard' }],
  ['518710', 16, { zh: 'MasterCard', en: 'Mastercard' }], ['552088', 16, { zh: '万事达', en: 'Mastercard' }], ['222300', 16, { zh: '万事达', en: 'Mastercard' }],
  ['356833', 16, { zh: 'JCB', en: 'JCB' }],
];

const groups = (s: string, n: number): string[] => s.match(new RegExp(`.{1,${n}}`, 'g')) ?? [s];

export function bankCard(rng: Rng, lang: 'zh' | 'en'): OtherValue {
  const pool = lang === 'zh' ? BINS : BINS.filter(([b]) => rng.chance(0.35) || !b.startsWith('62'));
  const [bin, len, bank] = rng.pick(pool);
  const body = bin + rng.digits(len - bin.length - 1);
  const n = body + luhnCheckDigit(body);
  const g = groups(n, 4);
  const value = rng.weighted<string>([
    [n, 7], [g.join(' '), 8], [g.join('  '), 3], [g.join('-'), 3], [toFullWidth(n), 2], [toFullWidth(g.join(' ')), 1],
    [g.join(NBSP), 1], [`${n.slice(0, 6)} ${n.slice(6)}`, 1], [g.join(' ').replace(/ (?=\d{4}$)/, '  '), 1],
  ]);
  return { kind: 'bank_card', value, tag: 'card', bank };
}

const PINYIN = ['zhang', 'wang', 'li', 'liu', 'chen', 'yang', 'huang', 'zhao', 'zhou', 'wu', 'xu', 'sun', 'ma', 'zhu', 'hu', 'guo', 'he', 'lin', 'luo', 'gao'];
const GIVEN = ['san', 'wei', 'na', 'min', 'jing', 'lei', 'tao', 'fang', 'yang', 'hao', 'jun', 'xin', 'yu', 'ting', 'bo', 'qiang', 'li', 'zong'];
const EN_FIRST = ['Lily', 'Tony', 'Jessie', 'Kevin', 'Amy', 'Jack', 'Sunny', 'Coco', 'Leo', 'Vivian', 'Eric', 'Momo', 'Allen', 'Cindy', 'mike', 'judy'];
const CITY = ['sh', 'bj', 'sz', 'gz', 'hz', 'cd', 'wh', 'nj', 'xm'];

export function wechatId(rng: Rng): string {
  for (;;) {
    const s = rng.weighted<string>([
      [`wxid_${Array.from({ length: rng.int(12, 14) }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[rng.int(0, 35)]).join('')}`, 3],
      [`${rng.pick(PINYIN)}_${rng.pick(GIVEN)}${rng.digits(rng.int(2, 4))}`, 4],
      [`${rng.pick(PINYIN)}${rng.pick(GIVEN)}${rng.int(1970, 2001)}`, 3],
      [`${rng.pick(EN_FIRST)}_${rng.pick(PINYIN)}${rng.chance(0.5) ? rng.digits(2) : ''}`, 3],
      [`${rng.pick(EN_FIRST)}-${rng.pick(PINYIN)}-${rng.pick(CITY)}`, 1],
      [`${rng.pick(CITY)}_${rng.pick(PINYIN)}${rng.pick(GIVEN)}`, 2],
      [`${rng.pick(EN_FIRST).toLowerCase()}${String(rng.int(1, 12)).padStart(2, '0')}${String(rng.int(1, 28)).padStart(2, '0')}`, 2],
      [`${rng.pick(PINYIN)}${rng.pick(GIVEN)}_${rng.pick(['sales', 'boss', 'vip', 'work', 'hr', 'cg'])}`, 2],
    ]);
    if (/^[A-Za-z][A-Za-z0-9_-]{5,19}$/.test(s)) return s;
  }
}

export function wechat(rng: Rng): OtherValue {
  return { kind: 'wechat', value: wechatId(rng), tag: 'wechat' };
}

export function qq(rng: Rng): OtherValue {
  const len = rng.weighted<number>([[5, 1], [6, 2], [7, 3], [8, 4], [9, 5], [10, 4], [11, 1]]);
  let s = rng.digits(len, true);
  if (len === 11) s = String(rng.int(2, 9)) + s.slice(1);
  const value = rng.chance(0.06) ? toFullWidth(s) : s;
  return { kind: 'qq', value, tag: 'qq' };
}
