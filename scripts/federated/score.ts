// Held-out NDCG@10 of a theta: the test user's candidates fused by lib/fusion itself with theta's weights (or its stacker).

import { blocks, fusionWeights, LAYOUT } from "../../functions/lib/federated/layout.ts";
import { fuse } from "../../functions/lib/fusion/index.ts";
import type { Stacker } from "../../functions/lib/fusion/types.ts";
import { ndcgAtK } from "../../functions/lib/metrics.ts";
import type { Impression } from "./impressions.ts";
import { SIM_SOURCES } from "./sources.ts";

export interface TestCase {
  impression: Impression;
  /** Held-out positives (catalog indices). */
  positives: ReadonlySet<number>;
}

/** The stacker over the sources the simulation has; theta's other sources are always missing, a constant that cannot reorder. */
export function simStacker(theta: readonly number[]): Stacker {
  const b = blocks(LAYOUT);
  const at = (offset: number, s: string) => theta[offset + LAYOUT.sources.indexOf(s)] ?? 0;
  return {
    features: [...SIM_SOURCES, ...SIM_SOURCES.map((s) => `missing:${s}`)],
    weights: [...SIM_SOURCES.map((s) => at(b.weight, s)), ...SIM_SOURCES.map((s) => at(b.missing, s))],
    bias: theta[b.bias] ?? 0,
    version: "sim",
    trainedOn: 1,
  };
}

export function ndcg10(cases: readonly TestCase[], theta: readonly number[], strategy: "weighted" | "stacked" = "weighted"): number {
  const weights = fusionWeights(theta, LAYOUT, SIM_SOURCES);
  const stacker = strategy === "stacked" ? simStacker(theta) : undefined;
  let sum = 0;
  for (const c of cases) {
    // Catalog index + 1: fusion ids are positive integers.
    const out = fuse({
      candidates: c.impression.candidates.map((i) => i + 1),
      scores: c.impression.scores,
      strategy,
      weights,
      k: 10,
      ...(stacker && { stacker }),
    });
    if (!out.ok) throw new Error(`fusion rejected the simulation's input: ${out.reason}`);
    if (out.fallback) throw new Error(`fusion fell back: ${out.fallback}`);
    sum += ndcgAtK(
      out.items.map((it) => it.id - 1),
      c.positives,
      10,
    );
  }
  return sum / Math.max(1, cases.length);
}

/** A theta whose fusion weights put everything on one source: the single-model baselines. */
export function onlySource(source: string): number[] {
  const theta = new Array<number>(blocks(LAYOUT).length).fill(0);
  LAYOUT.sources.forEach((s, i) => {
    theta[i] = s === source ? 0 : -50;
  });
  return theta;
}
