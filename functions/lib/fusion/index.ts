// Score fusion shared by the central fusion worker, the edge's degraded fallback and the offline eval.

import { TopK } from "../index/topk.ts";
import { rrfScores, voteScores } from "./rank.ts";
import { stackedScores, stackerMismatch } from "./stacked.ts";
import type { FusedItem, FusionInput, FusionOutcome, FusionPlan, Scored, Strategy } from "./types.ts";
import { validateFusionInput } from "./validate.ts";
import { weightedScores } from "./weighted.ts";

export { Fnv1a64, inputDigest, planDigest } from "./digest.ts";
export { competitionRanks, normalizeColumn } from "./normalize.ts";
export type { FeatureRow, StackerExample, TrainOptions } from "./stacked.ts";
export { MISSING_PREFIX, stackerFeatures, stackerLogLoss, trainStacker } from "./stacked.ts";
export type * from "./types.ts";
export { FUSION_DEFAULTS, FUSION_LIMITS } from "./types.ts";
export { validateFusionInput } from "./validate.ts";

function topItems(plan: FusionPlan, scored: Scored): FusedItem[] {
  const { scores, normalized, weightOf } = scored;
  for (let i = 0; i < scores.length; i++) {
    // Validation guarantees finite inputs, so a non-finite score here is a bug, not a client error.
    if (!Number.isFinite(scores[i])) throw new Error(`fusion produced a non-finite score for candidate ${plan.candidates[i]}`);
  }
  // Candidates are in ascending id order, so TopK's tie-break (lower index first) is the contract's (lower id first).
  const top = new TopK(Math.min(plan.k, scores.length));
  for (let i = 0; i < scores.length; i++) top.push(scores[i]!, i);
  return Array.from(top.drain().rows, (i, pos) => ({
    id: plan.candidates[i] as number,
    score: scores[i] as number,
    rank: pos + 1,
    // fromEntries defines own properties, so a source called "__proto__" cannot touch the prototype.
    contributions: Object.fromEntries(
      plan.sources.map((name, s) => [
        name,
        { raw: plan.columns[s]?.[i] ?? null, normalized: normalized[s]?.[i] ?? null, weight: weightOf(s, i) },
      ]),
    ),
  }));
}

/** Fuses per-source scores into one ranking. Bad input comes back as { ok: false }, never as a throw (RPC drops error details). */
export function fuse(input: FusionInput): FusionOutcome {
  const v = validateFusionInput(input);
  return v.ok ? fusePlan(v.plan) : v;
}

/** fuse for a plan already validated (the centre validates once, then keys its cache and fuses from the same plan). */
export function fusePlan(plan: FusionPlan): Extract<FusionOutcome, { ok: true }> {
  let strategy: Strategy = plan.strategy;
  let fallback: string | null = null;
  let scored: Scored;
  if (strategy === "stacked") {
    fallback = stackerMismatch(plan.stacker, plan.sources);
    if (fallback === null && plan.stacker !== null) scored = stackedScores(plan, plan.stacker);
    else {
      strategy = "weighted";
      scored = weightedScores(plan);
    }
  } else {
    scored = strategy === "rrf" ? rrfScores(plan) : strategy === "vote" ? voteScores(plan) : weightedScores(plan);
  }
  return {
    ok: true,
    strategy,
    ...(fallback !== null && { fallback }),
    weights: Object.fromEntries(plan.sources.map((s, i) => [s, plan.weights[i] ?? 0])),
    items: topItems(plan, scored),
  };
}
