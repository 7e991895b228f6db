/**
 * Numbers that look like personal data but are not: order, tracking and invoice numbers,
 * amounts, dates, times, versions, timestamps, model, policy and stock codes, barcodes.
 * Long digit runs are drawn so that they fail Luhn and are not valid resident IDs.
 */
import type { Rng } from './rng.ts';
import { cnId15Plausible, cnId18Valid, luhnValid, validDate } from './checks.ts';

/** A digit string of length n (first digit 1..9) that no card or ID check accepts. */
export function notACard(rng: Rng, n: number, first?: string): string {
  for (;;) {
    const s = (first ?? String(rng.int(1, 9))) + rng.digits(n - (first ?? 'x').length);
    if (luhnValid(s)) continue;
    if (n === 18 && cnId18Valid(s)) continue;
    if (n === 15 && cnId15Plausible(s)) continue;
    if (n === 11 && /^1[3-9]/.test(s)) continue;
    return s;
  }
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function ymd(rng: Rng): [number, number, number] {
  for (;;) {
    const y = rng.int(2024, 2027);
    const m = rng.int(1, 12);
    const d = rng.int(1, 31);
    if (validDate(y, m, d)) return [y, m, d];
  }
}

type Gen = (rng: Rng, lang: 'zh' | 'en') => string;
const zh = (lang: string, a: string[], b: string[]): string[] => (lang === 'zh' ? a : b);

export const LOOK: Record<string, Gen> = {
  order: (r) => r.pick([
    `DD${ymd(r).map((x, i) => pad(x, i === 0 ? 4 : 2)).join('')}${r.digits(6)}`, `SO-${r.int(2024, 2027)}-${r.digits(6)}`, `PO#45${r.digits(8)}`,
    `${r.digits(6, true)}-${notACard(r, 15)}`, `ORD${r.digits(10)}`, `#${r.digits(6, true)}`, `${notACard(r, 12)}`,
  ]),
  long: (r) => {
    const n = r.int(13, 19);
    const s = notACard(r, n);
    return r.chance(0.15) && n === 16 ? s.match(/.{4}/g)?.join(' ') ?? s : s;
  },
  track: (r) => r.pick([
    `SF${notACard(r, 13)}`, `YT${notACard(r, 13)}`, `JT${notACard(r, 13, '5')}`, notACard(r, 14, '7'), `1Z${r.digits(3)}AA1${notACard(r, 11, '0')}`,
    `EA${r.digits(9)}CN`, `9400 ${r.digits(4)} ${r.digits(4)} ${r.digits(4)} ${r.digits(4)} ${r.digits(2)}`, `JDVA${r.digits(11)}`,
  ]),
  invoice: (r) => r.pick([`INV-${r.int(2024, 2027)}-${r.digits(5)}`, `0${r.digits(7)}`, `144031${r.digits(6)}`, `2444200000${r.digits(10)}`, `FP${r.digits(9)}`]),
  amt: (r, l) => r.pick([
    '1,280,000', '¥12,800.00', `￥${r.int(10, 999)},${r.digits(3)}`, `RMB ${r.int(1, 9)},${r.digits(3)},000.00`, `$${r.int(12, 99)},${r.digits(3)}`,
    `USD ${r.int(1, 3)},${r.digits(3)},${r.digits(3)}`, `€${r.int(20, 300)},000`, `¥${r.int(1, 9)},${r.digits(3)},${r.digits(3)}.00`,
    ...zh(l, [`${r.int(12, 980)}万`, `${r.int(3, 98)}800元`, `${r.int(12, 980)}万元`], [`${r.int(1, 99)}.${r.int(1, 9)}k`, `$${r.int(1, 9)}.${r.int(1, 9)}M`]),
  ]),
  amtPlain: (r) => String(r.int(1, 9)) + r.pick(['280000', '350000', '068000', '999000', '120000']),
  date: (r, l) => {
    const [y, m, d] = ymd(r);
    return r.pick([`${y}-${pad(m)}-${pad(d)}`, `${y}${pad(m)}${pad(d)}`, `${y}/${m}/${d}`, `${y}.${pad(m)}.${pad(d)}`,
      ...zh(l, [`${y}年${m}月${d}日`, `${m}月${d}日`], [`${pad(m)}/${pad(d)}/${y}`, `${d} ${MONTHS[m - 1]} ${y}`, `${MONTHS[m - 1]} ${d}, ${y}`])]);
  },
  time: (r, l) => r.pick([...zh(l, [`下午${r.int(2, 5)}点`, `上午${r.int(9, 11)}点半`], [`${r.int(1, 11)}:${r.pick(['00', '30', '45'])} ${r.pick(['AM', 'PM'])}`, `${r.int(1, 11)}${r.pick(['am', 'pm'])}`]), `${pad(r.int(8, 18))}:${r.pick(['00', '15', '30', '45'])}`, `${pad(r.int(8, 11))}:00-${pad(r.int(12, 17))}:30`, `23:59:59`, `${pad(r.int(0, 23))}:${pad(r.int(0, 59))}:${pad(r.int(0, 59))}`]),
  ver: (r) => r.pick([`${r.int(1, 9)}.${r.int(0, 20)}.${r.int(0, 30)}`, `v${r.int(1, 5)}.${r.int(0, 9)}.${r.int(0, 99)}`, `V5.2.1-build${r.digits(4)}`, `iOS 17.${r.int(0, 6)}.${r.int(1, 3)}`, `1.8.0_${r.int(200, 420)}`, `${r.int(2021, 2026)}.${r.int(1, 12)}.${r.int(1, 9)}`]),
  ts: (r) => String(r.int(1700000000, 1800000000)),
  tsMs: (r) => { for (;;) { const s = String(r.int(1700000000, 1800000000)) + r.digits(3); if (!luhnValid(s)) return s; } },
  pct: (r) => r.pick([`${r.int(2, 40)}%`, `${r.int(1, 9)}.${r.int(1, 9)}%`, `${r.int(2, 15)}%`, `${r.int(100, 300)}%`, `0.${r.int(1, 9)}%`]),
  model: (r) => r.pick([`DS-2CD2T47G2-L`, `HX-${r.int(1000, 9999)}A`, `RTX ${r.pick([3060, 4070, 4090])}`, `MX-${r.int(100, 990)}`, `X1 Carbon Gen ${r.int(9, 12)}`, `SN74HC595N`, `A7-${r.int(1000, 9999)}`, `GX${r.digits(4)}-${r.pick(['PRO', 'S', 'MAX'])}`, `ZK-${r.digits(3)}/${r.digits(2)}`]),
  policy: (r) => r.pick([`POL-${r.int(2024, 2027)}-${r.digits(6)}`, `PDAA${r.int(2024, 2027)}${r.digits(4)}000${r.digits(4)}`, `P${r.int(2024, 2027)}${r.digits(2)}${r.digits(6)}`, `GL-${r.digits(4)}-${r.digits(5)}`]),
  stock: (r) => r.pick(['600519', '000001.SZ', '0700.HK', '300750', '601318', '002594', 'NVDA', '9988.HK', '688981', '000858']),
  qty: (r, l) => r.pick(zh(l, [`${r.int(1, 9)},${r.int(0, 9)}00台`, `${r.int(50, 900)}套`, `${r.int(1, 9)}.${r.int(1, 9)}吨`, `${r.int(2, 50)}000件`, `${r.int(100, 5000)}个账号`],
    [`${r.int(2, 50)}000 pcs`, `${r.int(100, 5000)} seats`, `${r.int(2, 40)} pallets`, `${r.int(10, 99)},000 units`, `${r.int(2, 9)},${r.int(0, 9)}00 licences`])),
  meeting: (r) => r.pick([`${r.int(2, 9)}${r.digits(2)} ${r.digits(3)} ${r.digits(3)}`, `${r.int(2, 9)}${r.digits(2)}-${r.digits(3)}-${r.digits(3)}`, `8${r.digits(2)} ${r.digits(4)} ${r.digits(4)}`, `9${r.digits(2)} ${r.digits(3)} ${r.digits(4)}`]),
  credit: (r) => r.pick([`91310115MA1K${r.digits(4)}X3B`, `91440300${notACard(r, 9, '7')}${r.int(0, 9)}`, `9111010${r.digits(4)}MA0${r.digits(3)}Q`, `92330106MA2${r.digits(4)}L1`]),
  sku: (r, l) => r.pick(zh(l, [`物料号 ${r.digits(9, true)}`, `物料号${r.digits(8, true)}`, `SKU ${r.digits(7, true)}`], [`SKU ${r.digits(7, true)}`, `SKU-${r.digits(3)}-${r.digits(4)}`, `item #${r.digits(5, true)}`])),
  postal: (r) => String(r.int(100000, 850000)),
  emp: (r) => r.pick([`${r.int(2015, 2026)}${pad(r.int(1, 12))}${pad(r.int(1, 28))}`, `A${r.digits(6)}`, `E${r.digits(5)}`]),
  contract: (r) => r.pick([`HT-${r.int(2024, 2027)}-${r.digits(4)}`, `SH${r.int(2024, 2027)}-${r.digits(3)}`, `ZD-${r.int(2024, 2027)}-PO-${r.digits(4)}`, `MSA-${r.digits(3)}-R${r.int(1, 5)}`]),
  ean: (r) => {
    for (;;) {
      const b = '69' + r.digits(10);
      let s = 0;
      for (let i = 0; i < 12; i++) s += Number(b[i]) * (i % 2 ? 3 : 1);
      const c = b + String((10 - (s % 10)) % 10);
      if (!luhnValid(c)) return c;
    }
  },
  isbn: (r) => {
    for (;;) {
      const b = '9787' + r.digits(8);
      let s = 0;
      for (let i = 0; i < 12; i++) s += Number(b[i]) * (i % 2 ? 3 : 1);
      const c = b + String((10 - (s % 10)) % 10);
      if (!luhnValid(c)) return `${c.slice(0, 3)}-${c.slice(3, 4)}-${c.slice(4, 7)}-${c.slice(7, 12)}-${c.slice(12)}`;
    }
  },
  flight: (r) => `${r.pick(['CA', 'MU', 'CZ', 'HU', 'ZH', 'BA', 'UA', 'CX'])}${r.int(100, 9999)}`,
  vin: (r) => `LSGJA52U${r.int(1, 9)}${r.pick(['7', 'A', 'B', 'S'])}${r.digits(6)}${r.digits(1)}`,
  serial: (r) => r.pick([`C02XK${r.digits(2)}ABJGH${r.int(1, 9)}`, `2K${r.digits(7)}`, `SN${r.digits(3)}-${r.digits(3)}-${r.digits(3)}`]),
  build: (r) => Array.from({ length: 7 }, () => '0123456789abcdef'[r.int(0, 15)]).join(''),
  ticket: (r, l) => r.pick(zh(l, [`#${r.digits(6, true)}`, r.digits(8, true), `INC${r.digits(7)}`], [`Ticket #${r.digits(6, true)}`, `INC${r.digits(7)}`, `JIRA ticket OPS-${r.int(100, 9999)}`])),
  rate: (r) => `${r.int(2, 4)}.${r.int(10, 95)}%`,
  year: (r) => String(r.int(2019, 2028)),
  n: (r) => String(r.int(2, 12)),
};
