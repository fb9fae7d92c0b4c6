// Weighted mean of normalised source scores: the default strategy and the fallback for an untrained stacker.

import { normalizeColumn } from "./normalize.ts";
import type { FusionPlan, Scored } from "./types.ts";

/**
 * missing = "renormalize" (default): an item's score is the weighted mean over only the sources that scored it,
 *   weights renormalised over those, so a cold item known only to the text model is not dragged to zero.
 *   An item no (positively weighted) source scored gets 0.
 * missing = "zero": a missing score counts as normalised 0 with the source's full weight
 *   (the bottom of the range for minmax/rank, the mean for zscore).
 */
export function weightedScores(plan: FusionPlan): Scored {
  const normalized = plan.columns.map((col) => normalizeColumn(col, plan.normalization));
  const n = plan.candidates.length;
  const scores = new Float64Array(n);
  const denominators = new Float64Array(n);
  const zero = plan.missing === "zero";
  for (let i = 0; i < n; i++) {
    let num = 0;
    let den = 0;
    for (let s = 0; s < plan.weights.length; s++) {
      const w = plan.weights[s]!;
      const x = normalized[s]![i]!;
      if (x !== null) {
        num += w * x;
        den += w;
      } else if (zero) {
        den += w;
      }
    }
    denominators[i] = den;
    // Under "zero" den is the full weight sum (1), so this is the plain weighted sum.
    scores[i] = den > 0 ? num / den : 0;
  }
  const weightOf = (s: number, i: number): number => {
    const w = plan.weights[s] ?? 0;
    const den = denominators[i] ?? 0;
    if (plan.missing === "renormalize" && normalized[s]?.[i] === null) return 0;
    return den > 0 ? w / den : 0;
  };
  return { scores, normalized, weightOf };
}
