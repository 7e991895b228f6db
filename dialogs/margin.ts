/**
 * The margin-trading calculator (融资融券), with the source document's own arithmetic:
 * - maximum purchase = available margin ÷ margin ratio (200 at 40% → 500);
 * - financing 1:n puts (1+n) times the rep's own money in the market, so a price move is
 *   amplified (1+n) times and a fall of 1/(1+n) in market value wipes the capital out.
 */

export type MarginQuery =
  | { kind: 'purchase'; available: number; ratio: number; maxPurchase: number }
  | { kind: 'liquidation'; n: number; drop: number; leverage: number };

/** Parses "/margin" arguments: `200 40%` / `200 0.4` or `1:n`. Null when they make no sense. */
export function parseMargin(args: string[]): MarginQuery | null {
  const text = args.join(' ').normalize('NFKC').replace(/[,，]/g, ' ').trim();
  const ratioForm = /^1\s*[:：]\s*(\d+(?:\.\d+)?)$/.exec(text);
  if (ratioForm) {
    const n = Number(ratioForm[1]);
    if (!(n > 0)) return null;
    return { kind: 'liquidation', n, drop: 1 / (1 + n), leverage: 1 + n };
  }
  const parts = text.split(/\s+/);
  if (parts.length !== 2) return null;
  const [availableText = '', ratioText = ''] = parts;
  const available = Number(availableText);
  const ratio = ratioText.endsWith('%') ? Number(ratioText.slice(0, -1)) / 100 : Number(ratioText) > 1 ? Number(ratioText) / 100 : Number(ratioText);
  if (!(available > 0) || !(ratio > 0) || ratio > 10) return null;
  return { kind: 'purchase', available, ratio, maxPurchase: available / ratio };
}

/** A number for a message: at most two decimals, no trailing zeros. */
export function formatNumber(x: number): string {
  return String(Math.round(x * 100) / 100);
}

/** A share as a percentage with up to two decimals. */
export function formatPercent(x: number): string {
  return `${formatNumber(x * 100)}%`;
}
