import type { FusionInput } from "../../lib/fusion/index.ts";
import type { Int8Index } from "../../lib/index/index.ts";
import { historyWeight, weightedMeanPool } from "../../lib/pooling.ts";

/** One model's view of the request: a query vector searched against one catalog index. */
export interface Source {
  name: string;
  index: Int8Index;
  vector: Float32Array;
}

export interface HistoryEntry {
  id: number;
  rating?: number | undefined;
  weight?: number | undefined;
}

/** Candidates each source proposes before fusion: enough to survive filters and reranking, few enough to score fast. */
export const CANDIDATES_PER_SOURCE = 200;

const isZero = (v: Float32Array) => v.every((x) => x === 0);

/**
 * A user's profile in one index: the pooled vectors of the history items that index knows.
 * Undefined when it knows none of them or when the weights cancel out (nothing to say).
 */
export function profile(index: Int8Index, history: readonly HistoryEntry[]): Float32Array | undefined {
  const vectors: Float32Array[] = [];
  const weights: number[] = [];
  for (const entry of history) {
    const row = index.rowOf(entry.id);
    if (row === undefined) continue;
    vectors.push(index.vector(row));
    weights.push(
      historyWeight({
        ...(entry.rating !== undefined && { rating: entry.rating }),
        ...(entry.weight !== undefined && { weight: entry.weight }),
      }),
    );
  }
  if (vectors.length === 0) return undefined;
  const pooled = weightedMeanPool(vectors, weights);
  return isZero(pooled) ? undefined : pooled;
}

/**
 * Every source proposes its top candidates among the ids `eligible` accepts; the union is then scored by every source,
 * so fusion sees each model's opinion of each candidate (null where a model does not know the item).
 */
export function candidateScores(sources: readonly Source[], eligible: (id: number) => boolean, perSource = CANDIDATES_PER_SOURCE) {
  const seen = new Set<number>();
  const candidates: number[] = [];
  for (const source of sources) {
    const ids = source.index.ids;
    const found = source.index.search(source.vector, perSource, { allow: (row) => eligible(ids[row] ?? -1) });
    for (const id of found.ids) {
      if (!seen.has(id)) {
        seen.add(id);
        candidates.push(id);
      }
    }
  }
  const scores: FusionInput["scores"] = {};
  for (const source of sources) {
    const rows = candidates.map((id) => source.index.rowOf(id) ?? -1);
    const known = Int32Array.from(rows.filter((r) => r >= 0));
    const scored = source.index.scoreRows(source.vector, known);
    let next = 0;
    scores[source.name] = rows.map((r) => (r >= 0 ? (scored[next++] ?? null) : null));
  }
  return { candidates, scores };
}
