// Pooling rules shared by the runtime and the offline eval, so the two can never disagree on how vectors are combined.

export interface HistoryItem {
  /** MovieLens-style star rating (0.5..5). */
  rating?: number;
  /** Explicit weight; wins over the rating when both are given. */
  weight?: number;
}

/**
 * Neutral rating: ratings above it pull the user vector towards an item, ratings below push it away.
 * Measured (CF encoder, random 20% per-user holdout, 589 users, NDCG@10): rating-2.5 0.203, constant 1 0.203, rating-3 0.189.
 * 2.5 ties the constant on ranking and keeps the useful meaning that a 1-star rating steers away.
 */
export const NEUTRAL_RATING = 2.5;

export function historyWeight(item: HistoryItem): number {
  if (item.weight !== undefined) {
    if (!Number.isFinite(item.weight)) throw new RangeError("weight must be finite");
    return item.weight;
  }
  if (item.rating !== undefined) {
    if (!Number.isFinite(item.rating)) throw new RangeError("rating must be finite");
    return item.rating - NEUTRAL_RATING;
  }
  return 1;
}

/** Normalises in place and returns the same array; a zero vector stays zero rather than becoming NaN. */
export function l2normalize(v: Float32Array): Float32Array {
  let sq = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i] ?? 0;
    sq += x * x;
  }
  if (sq === 0) return v;
  const inv = 1 / Math.sqrt(sq);
  for (let i = 0; i < v.length; i++) v[i] = (v[i] ?? 0) * inv;
  return v;
}

/** Masked mean over the sequence axis of a [batch, seq, dims] tensor; returns `batch` vectors (not normalised). */
export function meanPool(lastHidden: Float32Array, mask: BigInt64Array, batch: number, seq: number, dims: number): Float32Array[] {
  if (lastHidden.length !== batch * seq * dims) throw new RangeError("lastHidden size does not match batch*seq*dims");
  if (mask.length !== batch * seq) throw new RangeError("mask size does not match batch*seq");
  const out: Float32Array[] = [];
  for (let b = 0; b < batch; b++) {
    const acc = new Float32Array(dims);
    let count = 0;
    for (let t = 0; t < seq; t++) {
      if (mask[b * seq + t] === 0n) continue;
      count += 1;
      const base = (b * seq + t) * dims;
      for (let d = 0; d < dims; d++) acc[d] = (acc[d] ?? 0) + (lastHidden[base + d] ?? 0);
    }
    if (count > 0) for (let d = 0; d < dims; d++) acc[d] = (acc[d] ?? 0) / count;
    out.push(acc);
  }
  return out;
}

/**
 * L2-normalised weighted mean of L2-normalised vectors. Dividing by the weight sum would not change the direction,
 * and it breaks when negative ratings make the sum zero, so only the final normalisation is applied.
 */
export function weightedMeanPool(vectors: readonly Float32Array[], weights: readonly number[]): Float32Array {
  if (vectors.length !== weights.length) throw new RangeError("vectors and weights differ in length");
  const first = vectors[0];
  if (first === undefined) throw new RangeError("weightedMeanPool needs at least one vector");
  const dims = first.length;
  const acc = new Float32Array(dims);
  vectors.forEach((v, i) => {
    if (v.length !== dims) throw new RangeError("vectors differ in dims");
    const unit = l2normalize(Float32Array.from(v));
    const w = weights[i] ?? 0;
    for (let d = 0; d < dims; d++) acc[d] = (acc[d] ?? 0) + w * (unit[d] ?? 0);
  });
  return l2normalize(acc);
}
