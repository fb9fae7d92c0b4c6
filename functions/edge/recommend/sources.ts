import type { FusionInput } from "../../lib/fusion/index.ts";
import type { Int8Index } from "../../lib/index/index.ts";
import type { LexicalIndex } from "../../lib/lexical.ts";
import { historyWeight, weightedMeanPool } from "../../lib/pooling.ts";

/** One model's view of the request: it proposes candidates and scores any candidate (null where it cannot). */
export interface Source {
  name: string;
  propose(k: number, eligible: (id: number) => boolean): Iterable<number>;
  score(ids: readonly number[]): (number | null)[];
}

/** A query vector searched against one catalog index (cosine up to int8 quantisation). */
export function vectorSource(name: string, index: Int8Index, vector: Float32Array): Source {
  return {
    name,
    propose: (k, eligible) => index.search(vector, k, { allow: (row) => eligible(index.ids[row] ?? -1) }).ids,
    score: (ids) => {
      const rows = ids.map((id) => index.rowOf(id) ?? -1);
      const scored = index.scoreRows(vector, Int32Array.from(rows.filter((r) => r >= 0)));
      let next = 0;
      return rows.map((r) => (r >= 0 ? (scored[next++] ?? null) : null));
    },
  };
}

/** Below this share of the query's words matched by the best title, the query does not name a film and titles stay out. */
export const TITLE_MATCH_MIN = 0.5;

/** BM25 over titles, present only when the query looks like a title: a genre-ish query should not be ranked by title words. */
export function titleSource(index: LexicalIndex, query: string, eligible: (id: number) => boolean, k: number): Source | undefined {
  const match = index.search(query, k, eligible);
  if (match.coverage < TITLE_MATCH_MIN) return undefined;
  return { name: "title", propose: () => match.ids, score: match.score };
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
    for (const id of source.propose(perSource, eligible)) {
      if (!seen.has(id)) {
        seen.add(id);
        candidates.push(id);
      }
    }
  }
  const scores: FusionInput["scores"] = {};
  for (const source of sources) scores[source.name] = source.score(candidates);
  return { candidates, scores };
}
