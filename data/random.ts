/**
 * Seeded random numbers, for everything that must come out the same on every run: classifier
 * training (intents/), the redaction evaluation (store/redact/), the PII corpus generator and
 * the fuzz bodies (tests/). One copy, at the bottom layer, which all of them may import.
 */

/** mulberry32: a small, fast PRNG with well-spread low bits; never for anything secret. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
