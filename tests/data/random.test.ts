/** The one seeded PRNG (data/random.ts): the classifier's training, the redaction figures and the generated PII corpus all depend on its sequence staying put. */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../data/random.ts';

describe('mulberry32', () => {
  it('gives the same numbers for the same seed, in [0, 1), and the sequence it always gave', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const draws = Array.from({ length: 1000 }, () => a());
    expect(draws).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(draws.slice(0, 3)).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
    expect(mulberry32(43)()).not.toBe(draws[0]);
  });
});
