// Seeded randomness so `npm run train` writes byte-identical models on every run.

import type { Rng } from "../../functions/lib/random.ts";

// The same generator the workers use (one implementation), so seeded runs agree everywhere.
export { mulberry32, type Rng } from "../../functions/lib/random.ts";

export function randInt(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

/** Box-Muller; one of the pair is dropped to keep the generator stateless. */
export function gaussian(rng: Rng): number {
  const u = Math.max(rng(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

export function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randInt(rng, i + 1);
    const tmp = items[i] as T;
    items[i] = items[j] as T;
    items[j] = tmp;
  }
  return items;
}
