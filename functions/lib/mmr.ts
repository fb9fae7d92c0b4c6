// Maximal Marginal Relevance: trades a little relevance for variety so the top-k is not five cuts of the same film.

export interface Relevant {
  id: number;
  score: number;
}

function cosine(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new Error(`mmr: vector dims differ (${a.length} vs ${b.length})`);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

/**
 * Greedy MMR: repeatedly picks argmax of lambda * rel(i) - (1 - lambda) * max cosine(i, already picked).
 * - rel is the score minmax-normalised over the items (all 1 if constant), so lambda means the same for
 *   fused scores on any scale (RRF scores are ~0.03, weighted ones ~1).
 * - An item without a vector has similarity 0 to everything: it can't be judged redundant. Negative
 *   similarity also counts as 0: pointing away from a pick is no more novel than being unrelated to it.
 * - Ties go to the higher score, then the lower id; duplicate ids keep their first occurrence.
 * lambda = 1 is pure relevance order; lambda = 0 is pure novelty after the first pick. O(k * n * dims).
 */
export function mmr(items: readonly Relevant[], vectorOf: (id: number) => Float32Array | undefined, lambda: number, k: number): number[] {
  if (!(lambda >= 0 && lambda <= 1)) throw new RangeError(`mmr: lambda must be in [0, 1], got ${lambda}`);
  const seen = new Set<number>();
  const pool = items.filter((it) => {
    if (!Number.isFinite(it.score)) throw new RangeError(`mmr: item ${it.id} has a non-finite score`);
    if (seen.has(it.id)) return false;
    seen.add(it.id);
    return true;
  });
  const want = Math.min(Math.max(0, Math.floor(k)), pool.length);
  if (want === 0) return [];

  const min = Math.min(...pool.map((it) => it.score));
  const max = Math.max(...pool.map((it) => it.score));
  // Halving keeps max - min finite even for scores near +-1.8e308.
  const rel = pool.map((it) => (max === min ? 1 : (it.score / 2 - min / 2) / (max / 2 - min / 2)));
  const vectors = pool.map((it) => vectorOf(it.id));
  const maxSim = new Float64Array(pool.length);
  const taken = new Uint8Array(pool.length);
  const out: number[] = [];

  for (let step = 0; step < want; step++) {
    let best = -1;
    let bestValue = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < pool.length; i++) {
      if (taken[i] === 1) continue;
      const value = lambda * (rel[i] as number) - (1 - lambda) * (step === 0 ? 0 : (maxSim[i] as number));
      if (best < 0 || value > bestValue || (value === bestValue && betterTie(pool[i] as Relevant, pool[best] as Relevant))) {
        best = i;
        bestValue = value;
      }
    }
    taken[best] = 1;
    out.push((pool[best] as Relevant).id);
    const picked = vectors[best];
    if (picked === undefined) continue;
    for (let i = 0; i < pool.length; i++) {
      const v = vectors[i];
      if (taken[i] === 1 || v === undefined) continue;
      const sim = cosine(v, picked);
      if (sim > (maxSim[i] as number)) maxSim[i] = sim;
    }
  }
  return out;
}

function betterTie(a: Relevant, b: Relevant): boolean {
  return a.score > b.score || (a.score === b.score && a.id < b.id);
}
