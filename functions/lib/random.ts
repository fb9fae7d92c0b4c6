// Seeded randomness for reproducible training, shuffles and tests; never for anything security-relevant.

/** A source of uniform floats in [0, 1). */
export type Rng = () => number;

/**
 * mulberry32: 32-bit state, good enough statistical quality for shuffling and sampling,
 * and identical output in workerd and Node, which Math.random cannot promise.
 */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Standard normal sampler via Box-Muller. Both outputs of a draw are used (the second is cached)
 * so a seeded stream stays deterministic and wastes no uniforms.
 */
export function gaussian(rng: Rng): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const out = spare;
      spare = null;
      return out;
    }
    // 1 - u keeps u1 in (0, 1] so log never sees 0.
    const u1 = 1 - rng();
    const u2 = rng();
    const radius = Math.sqrt(-2 * Math.log(u1));
    spare = radius * Math.sin(2 * Math.PI * u2);
    return radius * Math.cos(2 * Math.PI * u2);
  };
}

/** Fisher-Yates in place; returns the same array for chaining. */
export function shuffleInPlace<T>(items: T[], rng: Rng): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = items[i] as T;
    items[i] = items[j] as T;
    items[j] = tmp;
  }
  return items;
}
