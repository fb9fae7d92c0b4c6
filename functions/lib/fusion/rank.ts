// Rank-based strategies: they ignore score scales entirely, so uncalibrated models can be fused safely.

import { competitionRanks } from "./normalize.ts";
import type { FusionPlan, Scored } from "./types.ts";

/** Scores built as sum over sources of weight x perSource(rank, scoredCount); unscored items contribute 0. */
function byRank(plan: FusionPlan, perSource: (rank: number, scoredCount: number) => number): Scored {
  const n = plan.candidates.length;
  const normalized = plan.columns.map((col) => {
    const ranks = competitionRanks(col);
    const m = col.reduce((c: number, x) => (x === null ? c : c + 1), 0);
    return ranks.map((r) => (r === null ? null : perSource(r, m)));
  });
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    plan.weights.forEach((w, s) => {
      sum += w * (normalized[s]?.[i] ?? 0);
    });
    scores[i] = sum;
  }
  return { scores, normalized, weightOf: (s) => plan.weights[s] ?? 0 };
}

/** Reciprocal rank fusion: w / (rrfK + rank) with rank 1-based by raw score desc; ties share the better rank. */
export function rrfScores(plan: FusionPlan): Scored {
  return byRank(plan, (r) => 1 / (plan.rrfK + r + 1));
}

/** Weighted Borda count: a source that scored m items gives m - rank points (rank 0-based; ties share the better rank). */
export function voteScores(plan: FusionPlan): Scored {
  return byRank(plan, (r, m) => m - r);
}
