import { fuse } from "../../lib/fusion/index.ts";
import type {
  CentreFusionInput,
  CentreFusionOutcome,
  FusionInput,
  FusionOutcome,
  PopularOutcome,
  PopularRequest,
} from "../../lib/fusion/types.ts";
import { within } from "../../lib/within.ts";

export const FUSION_TIMEOUT_MS = 2000;

export interface FusionAnswer {
  outcome: FusionOutcome;
  degraded: boolean;
  reason?: string;
}

type Fusion = EdgeEnv["FUSION"];

/** One call to the centre, bounded in time; any failure (throw, timeout, no binding) comes back as a reason, logged once. */
async function askCentre<T>(
  fusion: Fusion | undefined,
  call: (f: Fusion) => Promise<T>,
  ms: number,
): Promise<{ value: T } | { reason: string }> {
  try {
    if (!fusion) throw new Error("no FUSION binding");
    return { value: await within(ms, "fusion worker", call(fusion)) };
  } catch (err) {
    const reason = `fusion unavailable: ${(err as Error).message}`;
    console.warn(JSON.stringify({ level: "warn", message: reason }));
    return { reason };
  }
}

/**
 * Asks the central fusion worker; if it throws, times out or is unbound, the edge fuses what it has itself
 * (no cached priors) and says so. The client never sees a 5xx for a fusion fault.
 */
export async function fuseAtCentre(fusion: Fusion | undefined, input: CentreFusionInput, ms = FUSION_TIMEOUT_MS): Promise<FusionAnswer> {
  const answer = await askCentre(fusion, async (f): Promise<CentreFusionOutcome> => f.fuse(input), ms);
  if ("value" in answer) return { outcome: answer.value, degraded: false };
  // The edge knows only its own sources: weights naming the centre's priors are dropped for the fallback.
  const { weights, models: _models, priors: _priors, profile: _profile, ...rest } = input;
  const kept = Object.entries(weights ?? {}).filter(([name]) => name in input.scores);
  const local: FusionInput = kept.some(([, w]) => w > 0) ? { ...rest, weights: Object.fromEntries(kept) } : rest;
  return { outcome: fuse(local), degraded: true, reason: answer.reason };
}

export interface PopularAnswer {
  outcome: PopularOutcome;
  degraded: boolean;
  reason?: string;
}

const NO_CENTRE = { cached: false, priorsVersion: null, profile: "default", profileVersion: 0 } as const;

/** Cold start asks the centre for its popular items; without the centre the edge has no priors, so it answers an empty list. */
export async function popularAtCentre(fusion: Fusion | undefined, req: PopularRequest, ms = FUSION_TIMEOUT_MS): Promise<PopularAnswer> {
  const answer = await askCentre(fusion, async (f): Promise<PopularOutcome> => f.popular(req), ms);
  if ("value" in answer) return { outcome: answer.value, degraded: false };
  return { outcome: { ok: true, strategy: "popular", weights: {}, items: [], centre: NO_CENTRE }, degraded: true, reason: answer.reason };
}
