// Picks the default fusion settings on validation users by coordinate ascent: deterministic (fixed grids, fixed order,
// strict improvement only), small (one coordinate at a time), and blind to test (callers pass validation users only).

import type { MissingPolicy, Normalization } from "../../functions/lib/fusion/index.ts";
import { ndcgAtK } from "../../functions/lib/metrics.ts";
import { PRIOR_SOURCES } from "../../functions/lib/priors.ts";
import { progress } from "../lib/progress.ts";
import { fusedRanker, HISTORY_SOURCES, type Recipe, type Request } from "./recipe.ts";
import type { EvalUser } from "./users.ts";

export interface Tuned {
  weights: Record<string, number>;
  normalization: Normalization;
  missing: MissingPolicy;
}

export interface TuneResult {
  best: Tuned;
  ndcg10: number;
  start: { settings: Tuned; ndcg10: number };
  evaluated: number;
  users: number;
}

const NORMALIZATIONS: readonly Normalization[] = ["minmax", "zscore", "rank"];
const MISSING: readonly MissingPolicy[] = ["renormalize", "zero"];
/** Relative weights; 1 is the scale the query weight (kept, not tuned) is expressed in. */
const WEIGHT_GRID = [0, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1];
const TUNED_SOURCES = [...HISTORY_SOURCES, ...PRIOR_SOURCES];

export function tune(users: readonly EvalUser[], r: Recipe, start: Tuned, passes: number): TuneResult {
  const memo = new Map<number, Request>();
  const score = (t: Tuned): number => {
    const rank = fusedRanker(r, { strategy: "weighted", ...t }, memo);
    return users.reduce((s, u) => s + ndcgAtK(rank(u), u.positives, 10), 0) / Math.max(1, users.length);
  };
  // One coordinate at a time, each built from the best point so far (true coordinate ascent).
  const coordinates: ((t: Tuned) => Tuned[])[] = [
    (t) => NORMALIZATIONS.map((normalization) => ({ ...t, normalization })),
    (t) => MISSING.map((missing) => ({ ...t, missing })),
    ...TUNED_SOURCES.map((s) => (t: Tuned) => WEIGHT_GRID.map((w) => ({ ...t, weights: { ...t.weights, [s]: w } }))),
  ];
  const bar = progress("eval: tuning", passes * coordinates.reduce((n, c) => n + c(start).length, 0));
  let best = start;
  let bestScore = score(start);
  const startScore = bestScore;
  let evaluated = 1;
  for (let pass = 0; pass < passes; pass++) {
    for (const coordinate of coordinates) {
      for (const candidate of coordinate(best)) {
        bar.tick(1, `NDCG@10 ${bestScore.toFixed(4)}`);
        // All-zero weights are rejected by the library, and a move that leaves the point unchanged needs no work.
        if (Object.values(candidate.weights).every((w) => w === 0) || JSON.stringify(candidate) === JSON.stringify(best)) continue;
        const s = score(candidate);
        evaluated += 1;
        if (s > bestScore + 1e-12) {
          best = candidate;
          bestScore = s;
        }
      }
    }
  }
  bar.done();
  return { best, ndcg10: bestScore, start: { settings: start, ndcg10: startScore }, evaluated, users: users.length };
}

/** Few-shot weights rescaled so the strongest is 1: the untuned query weight keeps its meaning next to them. */
export function onQueryScale(weights: Readonly<Record<string, number>>): Record<string, number> {
  const max = Math.max(...Object.values(weights));
  return Object.fromEntries(Object.entries(weights).map(([s, w]) => [s, Math.round((w / max) * 1000) / 1000]));
}
