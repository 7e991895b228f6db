/**
 * Phone numbers as people really type them: Chinese mobiles and landlines in every common
 * grouping and width, and Hong Kong, Taiwan, US, UK and a few other countries' numbers
 * (fictional ranges where a country has them: US 555-01xx, UK 07700 900xxx / 020 7946 0xxx).
 */
import type { Rng } from './rng.ts';
import { toFullWidth } from './checks.ts';

export type Where = { zh: string; en: string; enAdj: string };
export type PhoneValue = { kind: 'phone'; value: string; tag: 'mobile' | 'land' | 'local' | 'intl'; where?: Where };

const NBSP = '\u00a0';
const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '145', '147', '150', '151',
  '152', '153', '155', '156', '157', '158', '159', '166', '172', '173', '175', '176', '177', '178',
  '180', '181', '182', '183', '184', '185', '186', '187', '188', '189', '191', '193', '195', '198', '199',
];

export function cnMobileDigits(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + rng.digits(8);
}

type Fmt = (d: string, rng: Rng) => string;
const g344 = (d: string, sep: string): string => [d.slice(0, 3), d.slice(3, 7), d.slice(7)].join(sep);
const g434 = (d: string, sep: string): string => [d.slice(0, 4), d.slice(4, 7), d.slice(7)].join(sep);

const MOBILE_FORMATS: readonly (readonly [Fmt, number])[] = [
  [(d) => d, 9],
  [(d) => g344(d, ' '), 7],
  [(d) => g344(d, '-'), 4],
  [(d) => g344(d, '.'), 4],
  [(d) => g434(d, ' '), 4],
  [(d) => g434(d, '-'), 1],
  [(d) => `+86 ${d}`, 2],
  [(d) => `+86 ${g344(d, ' ')}`, 3],
  [(d) => `+86-${g344(d, '-')}`, 2],
  [(d) => `+86${d}`, 2],
  [(d) => `(+86) ${g344(d, ' ')}`, 1],
  [(d) => `+86 ${g434(d, ' ')}`, 1],
  [(d) => `0086 ${d}`, 1],
  [(d) => `0086-${g344(d, '-')}`, 1],
  [(d) => `0086 ${g344(d, ' ')}`, 1],
  [(d) => `86 ${d}`, 1],
  [(d) => `86-${d}`, 1],
  [(d) => `86 ${g344(d, ' ')}`, 1],
  [(d) => d.split('').join(' '), 4],
  [(d) => toFullWidth(d), 4],
  [(d) => toFullWidth(g344(d, ' ')), 1],
  [(d) => toFullWidth(g344(d, '\u3000')), 1],
  [(d) => `＋８６ ${toFullWidth(d)}`, 1],
  [(d) => g344(d, NBSP), 4],
  [(d) => `+86${NBSP}${g344(d, NBSP)}`, 1],
  [(d) => g434(d, NBSP), 1],
  [(d) => g344(d, '–'), 1],
  [(d) => `${d.slice(0, 3)} ${d.slice(3)}`, 1],
];

export function cnMobile(rng: Rng): PhoneValue {
  return { kind: 'phone', value: rng.weighted(MOBILE_FORMATS)(cnMobileDigits(rng), rng), tag: 'mobile' };
}

const AREA3 = ['010', '020', '021', '022', '023', '024', '025', '027', '028', '029'];
const AREA4 = ['0755', '0571', '0512', '0532', '0591', '0731', '0871', '0769', '0757', '0574', '0551', '0371', '0311'];
const EXT = (rng: Rng): string => String(rng.int(2, 9)) + rng.digits(rng.int(1, 3));

function localDigits(rng: Rng, len = 8): string {
  return String(rng.int(2, 8)) + rng.digits(len - 1);
}

const split44 = (l: string, sep: string): string => `${l.slice(0, 4)}${sep}${l.slice(4)}`;

export function cnLandline(rng: Rng): PhoneValue {
  const area = rng.chance(0.5) ? rng.pick(AREA3) : rng.pick(AREA4);
  const local = localDigits(rng);
  const a = area.slice(1);
  const fmts: readonly (readonly [() => string, number])[] = [
    [() => `${area}-${local}`, 6],
    [() => `${area} ${split44(local, ' ')}`, 4],
    [() => `(${area}) ${split44(local, '-')}`, 2],
    [() => `(${area})${local}`, 2],
    [() => `（${area}）${split44(local, ' ')}`, 2],
    [() => `${area} ${local}`, 2],
    [() => `${area}-${split44(local, ' ')}`, 1],
    [() => `+86 ${a} ${split44(local, ' ')}`, 2],
    [() => `+86-${a}-${local}`, 1],
    [() => `86-${a}-${local}`, 1],
    [() => `${area}-${local}-${EXT(rng)}`, 1],
    [() => `${area}-${local}转${EXT(rng)}`, 2],
    [() => `${area}-${local} ext. ${EXT(rng)}`, 1],
    [() => `${area} ${split44(local, ' ')} 分机 ${EXT(rng)}`, 1],
    [() => `${area}-${local} x${EXT(rng)}`, 1],
    [() => toFullWidth(`${area}`) + '－' + toFullWidth(local), 1],
    [() => `${area}${NBSP}${split44(local, NBSP)}`, 1],
  ];
  return { kind: 'phone', value: rng.weighted(fmts)(), tag: 'land' };
}

/** An 8-digit local landline without area code: only a phone because the words around it say so. */
export function cnLocal(rng: Rng): PhoneValue {
  const local = localDigits(rng);
  const fmts: readonly (readonly [() => string, number])[] = [
    [() => local, 4],
    [() => split44(local, ' '), 2],
    [() => split44(local, '-'), 2],
    [() => toFullWidth(local), 1],
    [() => `${local}转${EXT(rng)}`, 1],
    [() => split44(local, NBSP), 1],
  ];
  return { kind: 'phone', value: rng.weighted(fmts)(), tag: 'local' };
}

const US_AREAS = ['415', '212', '646', '312', '206', '617', '512', '408', '650', '310', '202', '303', '213', '917'];
const HK: Where = { zh: '香港', en: 'Hong Kong', enAdj: 'Hong Kong' };
const TW: Where = { zh: '台湾', en: 'Taiwan', enAdj: 'Taiwan' };
const US: Where = { zh: '美国', en: 'the US', enAdj: 'US' };
const UK: Where = { zh: '英国', en: 'the UK', enAdj: 'UK' };

function hk(rng: Rng): string {
  const n = String(rng.pick([5, 6, 9, 9, 2, 3])) + rng.digits(7);
  const a = n.slice(0, 4);
  const b = n.slice(4);
  return rng.pick([`+852 ${a} ${b}`, `+852${n}`, `852-${a}-${b}`, `(852) ${a} ${b}`, `+852-${a}-${b}`, `${a} ${b}`, `+852 ${n}`, `(+852) ${a}${NBSP}${b}`]);
}

function tw(rng: Rng): string {
  if (rng.chance(0.65)) {
    const m = '9' + rng.digits(8);
    const [a, b, c] = [m.slice(0, 3), m.slice(3, 6), m.slice(6)];
    return rng.pick([`0${a}-${b}-${c}`, `0${a} ${b} ${c}`, `+886 ${a} ${b} ${c}`, `+886-${a}-${b}-${c}`, `886 ${m}`, `+886${m}`]);
  }
  const l = String(rng.int(2, 8)) + rng.digits(7);
  return rng.pick([`(02) ${l.slice(0, 4)}-${l.slice(4)}`, `+886 2 ${l.slice(0, 4)} ${l.slice(4)}`, `02-${l.slice(0, 4)}-${l.slice(4)}`, `+886-2-${l}`]);
}

function us(rng: Rng): string {
  const a = rng.pick(US_AREAS);
  const l = '01' + rng.digits(2);
  return rng.pick([
    `(${a}) 555-${l}`, `(${a}) 555-${l}`, `${a}.555.${l}`, `${a}-555-${l}`, `${a}-555-${l}`, `+1 ${a} 555 ${l}`,
    `+1 (${a}) 555-${l}`, `1-${a}-555-${l}`, `+1-${a}-555-${l}`, `${a} 555 ${l}`, `+1${a}555${l}`, `1 (${a}) 555-${l}`,
  ]);
}

function uk(rng: Rng): string {
  const kind = rng.int(0, 2);
  if (kind === 0) {
    const t = '900' + rng.digits(3);
    return rng.pick([`07700 ${t}`, `07700 ${t}`, `07700${t}`, `+44 7700 ${t}`, `+44 (0)7700 ${t}`, `+447700${t}`, `0044 7700 ${t}`, `44 7700 ${t}`]);
  }
  if (kind === 1) {
    const t = '0' + rng.digits(3);
    return rng.pick([`020 7946 ${t}`, `020 7946 ${t}`, `+44 20 7946 ${t}`, `(020) 7946 ${t}`, `+44 (0)20 7946 ${t}`, `0044 20 7946 ${t}`, `02079460${t.slice(1)}`, `44 20 7946 ${t}`]);
  }
  const [city, code] = rng.pick([['0161', '161'], ['0113', '113'], ['0117', '117'], ['0131', '131']] as const);
  const t = '0' + rng.digits(3);
  return rng.pick([`${city} 496 ${t}`, `+44 ${code} 496 ${t}`, `${city}-496-${t}`, `(${city}) 496 ${t}`]);
}

function other(rng: Rng): [string, Where] {
  const which = rng.int(0, 4);
  if (which === 0) return [`+65 ${rng.pick(['8', '9'])}${rng.digits(3)} ${rng.digits(4)}`, { zh: '新加坡', en: 'Singapore', enAdj: 'Singapore' }];
  if (which === 1) return [rng.pick([`+81 90-${rng.digits(4)}-${rng.digits(4)}`, `090-${rng.digits(4)}-${rng.digits(4)}`, `+81 80 ${rng.digits(4)} ${rng.digits(4)}`]), { zh: '日本', en: 'Japan', enAdj: 'Japanese' }];
  if (which === 2) return [rng.pick([`+49 170 ${rng.digits(7)}`, `+49 30 ${rng.digits(3)} ${rng.digits(4)}`, `0049 151 ${rng.digits(8)}`]), { zh: '德国', en: 'Germany', enAdj: 'German' }];
  if (which === 3) return [rng.pick([`+61 4${rng.digits(2)} ${rng.digits(3)} ${rng.digits(3)}`, `04${rng.digits(2)} ${rng.digits(3)} ${rng.digits(3)}`]), { zh: '澳洲', en: 'Australia', enAdj: 'Australian' }];
  return [rng.pick([`+853 6${rng.digits(3)} ${rng.digits(4)}`, `+853 66${rng.digits(6)}`]), { zh: '澳门', en: 'Macau', enAdj: 'Macau' }];
}

export function intlPhone(rng: Rng, lang: 'zh' | 'en'): PhoneValue {
  const r = rng.weighted<'hk' | 'tw' | 'us' | 'uk' | 'other'>(
    lang === 'zh' ? [['hk', 4], ['tw', 3], ['us', 3], ['uk', 2], ['other', 2]] : [['hk', 3], ['tw', 2], ['us', 5], ['uk', 5], ['other', 2]],
  );
  if (r === 'hk') return { kind: 'phone', value: hk(rng), tag: 'intl', where: HK };
  if (r === 'tw') return { kind: 'phone', value: tw(rng), tag: 'intl', where: TW };
  if (r === 'us') return { kind: 'phone', value: us(rng), tag: 'intl', where: US };
  if (r === 'uk') return { kind: 'phone', value: uk(rng), tag: 'intl', where: UK };
  const [value, where] = other(rng);
  return { kind: 'phone', value, tag: 'intl', where };
}

export function phone(rng: Rng, lang: 'zh' | 'en'): PhoneValue {
  const t = rng.weighted<'mobile' | 'land' | 'local' | 'intl'>(
    lang === 'zh' ? [['mobile', 60], ['land', 18], ['local', 8], ['intl', 14]] : [['mobile', 30], ['land', 10], ['local', 5], ['intl', 55]],
  );
  if (t === 'mobile') return cnMobile(rng);
  if (t === 'land') return cnLandline(rng);
  if (t === 'local') return cnLocal(rng);
  return intlPhone(rng, lang);
}
