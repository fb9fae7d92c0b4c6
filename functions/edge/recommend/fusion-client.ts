import { fuse } from "../../lib/fusion/index.ts";
import type { CentreFusionInput, FusionInput, FusionOutcome, PopularOutcome, PopularRequest } from "../../lib/fusion/types.ts";

export const FUSION_TIMEOUT_MS = 2000;

export type FusedOk = Extract<FusionOutcome, { ok: true }>;

export interface FusionAnswer {
  outcome: FusionOutcome;
  degraded: boolean;
  reason?: string;
}

function timeout(ms: number): { promise: Promise<never>; cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const promise = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`fusion worker did not answer within ${ms} ms`)), ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

/**
 * Asks the central fusion worker; if it throws, times out or is unbound, the edge fuses what it has itself
 * (no cached priors) and says so. The client never sees a 5xx for a fusion fault.
 */
export async function fuseAtCentre(
  fusion: EdgeEnv["FUSION"] | undefined,
  input: CentreFusionInput,
  ms = FUSION_TIMEOUT_MS,
): Promise<FusionAnswer> {
  let reason: string;
  const limit = timeout(ms);
  try {
    if (!fusion) throw new Error("no FUSION binding");
    const outcome = await Promise.race([fusion.fuse(input), limit.promise]);
    return { outcome, degraded: false };
  } catch (err) {
    reason = `fusion unavailable: ${(err as Error).message}`;
  } finally {
    limit.cancel();
  }
  console.warn(JSON.stringify({ level: "warn", message: reason }));
  // The edge knows only its own sources: weights naming the centre's priors are dropped for the fallback.
  const { weights, models: _models, priors: _priors, profile: _profile, ...rest } = input;
  const kept = Object.entries(weights ?? {}).filter(([name]) => name in input.scores);
  const local: FusionInput = kept.some(([, w]) => w > 0) ? { ...rest, weights: Object.fromEntries(kept) } : rest;
  return { outcome: fuse(local), degraded: true, reason };
}

export interface PopularAnswer {
  outcome: PopularOutcome;
  degraded: boolean;
  reason?: string;
}

/** Cold start asks the centre for its popular items; without the centre the edge has no priors, so it answers an empty list. */
export async function popularAtCentre(
  fusion: EdgeEnv["FUSION"] | undefined,
  req: PopularRequest,
  ms = FUSION_TIMEOUT_MS,
): Promise<PopularAnswer> {
  let reason: string;
  const limit = timeout(ms);
  try {
    if (!fusion) throw new Error("no FUSION binding");
    const outcome = await Promise.race([fusion.popular(req), limit.promise]);
    return { outcome, degraded: false };
  } catch (err) {
    reason = `fusion unavailable: ${(err as Error).message}`;
  } finally {
    limit.cancel();
  }
  console.warn(JSON.stringify({ level: "warn", message: reason }));
  return { outcome: { ok: true, strategy: "popular", weights: {}, items: [], centre: NO_CENTRE }, degraded: true, reason };
}

const NO_CENTRE = { cached: false, priorsVersion: null, profile: "default", profileVersion: 0 } as const;
