// Ranking metrics for offline evaluation; pure so the eval script and any runtime health check compute them identically.

/** Hits in the first k of `ranked` divided by the number of relevant items (0 when nothing is relevant). */
export function recallAtK(ranked: readonly number[], relevant: ReadonlySet<number>, k: number): number {
  if (relevant.size === 0) return 0;
  let hits = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++) if (relevant.has(ranked[i] as number)) hits += 1;
  return hits / relevant.size;
}

/** Binary-relevance NDCG: DCG of the first k over the DCG of a perfect list (all relevant items first). */
export function ndcgAtK(ranked: readonly number[], relevant: ReadonlySet<number>, k: number): number {
  if (relevant.size === 0) return 0;
  let dcg = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++) if (relevant.has(ranked[i] as number)) dcg += 1 / Math.log2(i + 2);
  let ideal = 0;
  for (let i = 0; i < Math.min(k, relevant.size); i++) ideal += 1 / Math.log2(i + 2);
  return dcg / ideal;
}

/** Reciprocal rank of the first relevant item, looking only at the first k (default: the whole list). */
export function reciprocalRank(ranked: readonly number[], relevant: ReadonlySet<number>, k = ranked.length): number {
  for (let i = 0; i < Math.min(k, ranked.length); i++) if (relevant.has(ranked[i] as number)) return 1 / (i + 1);
  return 0;
}

/** Indices of the k highest scores, ties broken by lower index so rankings are deterministic. */
export function topK(scores: ArrayLike<number>, k: number, exclude?: ReadonlySet<number>): number[] {
  const idx: number[] = [];
  for (let i = 0; i < scores.length; i++) if (!exclude?.has(i)) idx.push(i);
  idx.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  return idx.slice(0, k);
}
