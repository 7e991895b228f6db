import { describe, expect, it } from 'vitest';
import { formatPercent, parseMargin } from '../../dialogs/margin.ts';

describe('margin calculator', () => {
  it('gives the maximum purchase as available margin ÷ margin ratio (the source: 200 at 40% → 500)', () => {
    expect(parseMargin(['200', '40%'])).toEqual({ kind: 'purchase', available: 200, ratio: 0.4, maxPurchase: 500 });
    expect(parseMargin(['100', '0.4'])).toMatchObject({ maxPurchase: 250 });
    expect(parseMargin(['１００', '４０％'])).toMatchObject({ maxPurchase: 250 });
    expect(parseMargin(['200', '40'])).toMatchObject({ ratio: 0.4, maxPurchase: 500 });
  });

  it('puts forced liquidation of 1:n financing at a 1/(1+n) fall', () => {
    expect(parseMargin(['1:1'])).toEqual({ kind: 'liquidation', n: 1, drop: 0.5, leverage: 2 });
    expect(parseMargin(['1', ':', '3'])).toMatchObject({ drop: 0.25, leverage: 4 });
    expect(formatPercent(1 / 3)).toBe('33.33%');
  });

  it('refuses what makes no sense', () => {
    for (const args of [[], ['abc'], ['200'], ['-5', '40%'], ['200', '0%'], ['1:0'], ['200', '40%', 'x']]) expect(parseMargin(args)).toBeNull();
  });
});
