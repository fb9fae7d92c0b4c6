// The serving recipe, offline: the edge's sources (content, collab) and candidates (top 200 per source, union scored by
// every source) plus the fusion worker's priors, fused by the library's own `fuse`. Items are catalog indices here.
import { CANDIDATES_PER_SOURCE } from "../../functions/edge/recommend/sources.ts";
import { type FusionInput, fuse, type Stacker } from "../../functions/lib/fusion/index.ts";
import { computePriors, PRIOR_SOURCES, type PriorSource, type PriorTable } from "../../functions/lib/priors.ts";
import type { Movie, Rating } from "../lib/movielens.ts";
import { type Scorer, vectorScorer } from "./scorers.ts";
import type { EvalUser } from "./users.ts";
import type { CatalogVectors } from "./vectors.ts";

export type FusionSettings = Pick<FusionInput, "strategy" | "weights" | "normalization" | "missing" | "rrfK"> & { stacker?: Stacker };
/** One user's fusion request without its settings: built once, fused under many settings (tuning). */
export type Request = Pick<FusionInput, "candidates" | "scores">;
export type Ranker = (u: EvalUser) => number[];

export const HISTORY_SOURCES = ["content", "collab"] as const;

/**
 * Each prior over the whole catalog, as functions/fusion/centre.ts `priorColumns` fills them (it cannot be imported into
 * Node: its module bundles ratings.csv): an item nobody rated has popularity 0, trending 0 and the global mean rating.
 */
export function priorScores(movies: readonly Movie[], train: readonly Rating[]): Record<PriorSource, Float64Array> {
  const table: PriorTable = computePriors(train);
  const row = new Map(table.ids.map((id, i) => [id, i]));
  const unseen: Record<PriorSource, number> = { popularity: 0, trending: 0, rating: table.globalMean };
  const column = (s: PriorSource) => Float64Array.from(movies, (m) => table[s][row.get(m.movieId) ?? -1] ?? unseen[s]);
  return { popularity: column("popularity"), trending: column("trending"), rating: column("rating") };
}

/** Top `n` indices of a score vector, skipping -Infinity (unknown to the source) and the user's history; ties by index. */
function top(scores: Float64Array, seen: ReadonlySet<number>, n: number): number[] {
  const idx: number[] = [];
  for (let i = 0; i < scores.length; i++) if (scores[i] !== Number.NEGATIVE_INFINITY && !seen.has(i)) idx.push(i);
  idx.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  return idx.slice(0, n);
}

export interface Recipe {
  /** The per-source scorers, over every catalog item (-Infinity = the source does not know the item). */
  sources: Record<(typeof HISTORY_SOURCES)[number] | PriorSource, Scorer>;
  request(u: EvalUser): Request;
}

/** vectorScorer pools the history with functions/lib/pooling.ts exactly as the edge's `profile` does. */
export function recipe(vectors: CatalogVectors, priors: Record<PriorSource, Float64Array>): Recipe {
  const history = { content: vectorScorer(vectors.text), collab: vectorScorer(vectors.cf) };
  const prior: Record<PriorSource, Scorer> = {
    popularity: () => priors.popularity,
    trending: () => priors.trending,
    rating: () => priors.rating,
  };
  return {
    sources: { ...history, ...prior },
    request(u) {
      const cols = HISTORY_SOURCES.map((s) => [s, history[s](u)] as const).filter(([, c]) => c.some(Number.isFinite));
      const pool = new Set<number>();
      for (const [, col] of cols) for (const i of top(col, u.seen, CANDIDATES_PER_SOURCE)) pool.add(i);
      const candidates = [...pool];
      const scores: FusionInput["scores"] = {};
      for (const [s, col] of cols) scores[s] = candidates.map((i) => (Number.isFinite(col[i]) ? (col[i] as number) : null));
      for (const s of PRIOR_SOURCES) scores[s] = candidates.map((i) => priors[s][i] as number);
      return { candidates, scores };
    },
  };
}

/** The fused ranking of the request's candidates (all of them, so MRR sees past the top 20). */
export function fusedOrder(req: Request, settings: FusionSettings): number[] {
  if (req.candidates.length === 0) return [];
  // Sources the settings weigh but this user lacks (e.g. no collab profile) are dropped, as the centre's mergeWeights does.
  const weights = settings.weights && Object.fromEntries(Object.entries(settings.weights).filter(([s]) => s in req.scores));
  const out = fuse({ ...req, ...settings, ...(weights && { weights }), k: req.candidates.length });
  if (!out.ok) throw new Error(`fuse rejected the eval's input: ${out.reason}`);
  return out.items.map((item) => item.id);
}

/** A ranker over the serving recipe; requests are memoised per user since tuning re-fuses the same request many times. */
export function fusedRanker(r: Recipe, settings: FusionSettings, memo = new Map<number, Request>()): Ranker {
  return (u) => {
    const req = memo.get(u.userId) ?? r.request(u);
    memo.set(u.userId, req);
    return fusedOrder(req, settings);
  };
}
