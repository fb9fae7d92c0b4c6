// Per-user score vectors over the whole catalog; -Infinity marks an item the method cannot score (e.g. CF on a cold item).
import { weightedMeanPool } from "../../functions/lib/pooling.ts";
import type { Rating } from "../lib/movielens.ts";
import type { EvalUser } from "./users.ts";

export type Scorer = (u: EvalUser) => Float64Array;

export function popularity(nCatalog: number, train: readonly Rating[], idx: ReadonlyMap<number, number>): Scorer {
  const counts = new Float64Array(nCatalog);
  for (const r of train) {
    const i = idx.get(r.movieId);
    if (i !== undefined) counts[i] = (counts[i] as number) + 1;
  }
  return () => counts;
}

/** Item-item cosine on binary train interactions, neighbours weighted with the same historyWeight as the encoders. */
export function itemKnn(nCatalog: number, train: readonly Rating[], idx: ReadonlyMap<number, number>): Scorer {
  const usersOf: number[][] = Array.from({ length: nCatalog }, () => []);
  const itemsOf = new Map<number, number[]>();
  for (const r of train) {
    const i = idx.get(r.movieId);
    if (i === undefined) continue;
    usersOf[i]?.push(r.userId);
    const list = itemsOf.get(r.userId) ?? [];
    list.push(i);
    itemsOf.set(r.userId, list);
  }
  const invSqrt = usersOf.map((u) => (u.length > 0 ? 1 / Math.sqrt(u.length) : 0));
  return (user) => {
    const scores = new Float64Array(nCatalog);
    for (const { item, weight } of user.history) {
      const wi = weight * (invSqrt[item] as number);
      if (wi === 0) continue;
      for (const other of usersOf[item] ?? []) {
        for (const j of itemsOf.get(other) ?? []) scores[j] = (scores[j] as number) + wi * (invSqrt[j] as number);
      }
    }
    for (let j = 0; j < nCatalog; j++) if ((usersOf[j]?.length ?? 0) === 0) scores[j] = Number.NEGATIVE_INFINITY;
    return scores;
  };
}

/** The runtime's few-shot procedure: weightedMeanPool of the history's vectors, cosine against every catalog vector. */
export function vectorScorer(vectors: readonly (Float32Array | null)[]): Scorer {
  const unit = vectors.map((v) => (v === null ? null : weightedMeanPool([v], [1])));
  return (user) => {
    const hist = user.history.filter((h) => unit[h.item] != null);
    const scores = new Float64Array(unit.length).fill(Number.NEGATIVE_INFINITY);
    if (hist.length === 0) return scores;
    const q = weightedMeanPool(
      hist.map((h) => unit[h.item] as Float32Array),
      hist.map((h) => h.weight),
    );
    unit.forEach((v, j) => {
      if (v === null) return;
      let s = 0;
      for (let d = 0; d < q.length; d++) s += (q[d] as number) * (v[d] as number);
      scores[j] = s;
    });
    return scores;
  };
}
