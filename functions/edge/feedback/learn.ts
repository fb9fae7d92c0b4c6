// What a location learns from: reactions become labelled examples; the global theta plus local SGD becomes its update.
import { blend, blocks, type Example, LAYOUT, localSgd, SGD_DEFAULTS } from "../../lib/federated/index.ts";
import type { StoredEvent } from "./schema.ts";

/** The positive rating threshold the offline eval uses (scripts/lib/dataset.ts POSITIVE_RATING). */
export const POSITIVE_RATING = 4;
export const NEGATIVE_RATING = 2.5;

/** like/click/rating >= 4 are positive; skip/rating <= 2.5 negative; a view or a lukewarm rating says nothing either way. */
export function labelOf(e: Pick<StoredEvent, "type" | "value">): 0 | 1 | null {
  switch (e.type) {
    case "like":
    case "click":
      return 1;
    case "skip":
      return 0;
    case "rating":
      if (e.value === null) return null;
      return e.value >= POSITIVE_RATING ? 1 : e.value <= NEGATIVE_RATING ? 0 : null;
    case "view":
      return null;
  }
}

export function examplesOf(events: readonly Pick<StoredEvent, "type" | "value" | "scores">[]): Example[] {
  const out: Example[] = [];
  for (const e of events) {
    const label = labelOf(e);
    if (label !== null && e.scores) out.push({ scores: e.scores, label });
  }
  return out;
}

export interface LocalParams {
  round: number;
  theta: number[];
  n: number;
}

/** What a location hands the orchestrator: parameters and a count. Nothing else about its events. */
export interface LocalUpdate {
  theta: number[];
  n: number;
}

/**
 * One local step of a round: start from the location's own theta (or the global one, first time or after a layout change),
 * one epoch of SGD over its examples, seeded by the round so a replay of the round trains identically.
 */
export function trainLocal(
  local: LocalParams | null,
  global: { round: number; theta: readonly number[] },
  examples: readonly Example[],
): LocalUpdate {
  const start = local && local.theta.length === global.theta.length ? local.theta : [...global.theta];
  if (start.length !== blocks(LAYOUT).length)
    throw new Error(`global theta has ${start.length} entries; this edge's layout needs ${blocks(LAYOUT).length}`);
  if (examples.length === 0) return { theta: start, n: 0 };
  return { theta: localSgd(start, examples, { ...SGD_DEFAULTS, seed: global.round + 1 }), n: examples.length };
}

/** theta_i <- theta_i + eta (theta_global - theta_i); a location with no parameters yet adopts the global ones. */
export function adoptGlobal(local: LocalParams | null, global: { round: number; theta: readonly number[] }, eta: number): LocalParams {
  const theta = local && local.theta.length === global.theta.length ? blend(local.theta, global.theta, eta) : [...global.theta];
  return { round: global.round, theta, n: local?.n ?? 0 };
}
