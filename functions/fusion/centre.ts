// What the fusion worker adds around the library's fuse: its priors as extra sources, the named profile's defaults,
// a learned stacker for "stacked", and a short-lived cache keyed by a digest of everything that decides the result.

import { fuse, fusePlan, planDigest, validateFusionInput } from "../lib/fusion/index.ts";
import type { CentreFusionInput, CentreFusionOutcome, CentreMeta, FusionInput, FusionOutcome } from "../lib/fusion/types.ts";
import { PRIOR_SOURCES, type PriorSource } from "../lib/priors.ts";
import type { WaitUntil } from "../lib/revalidated.ts";
import { LruCache } from "./cache.ts";
import { type FaultEnv, injectFault } from "./faults.ts";
import { currentPriors, type PriorLookup } from "./priors-store.ts";
import { mergeWeights, PROFILE_NAME } from "./profile-rules.ts";
import { activeProfile } from "./profiles.ts";
import { stackerFor } from "./stacker.ts";

export const RESULT_CACHE = { maxEntries: 500, ttlMs: 60_000 } as const;
const results = new LruCache<Extract<FusionOutcome, { ok: true }>>(RESULT_CACHE.maxEntries, RESULT_CACHE.ttlMs);

export type CentreEnv = FaultEnv & { SCORES: KVNamespace };

const invalid = (reason: string): FusionOutcome => ({ ok: false, code: "invalid_input", reason });

/** Model versions in a canonical order, so key order in the request does not split the cache. */
function modelsKey(models: unknown): string {
  if (typeof models !== "object" || models === null) return "-";
  return JSON.stringify(Object.entries(models as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Each prior's score for every candidate. An item nobody has interacted with is not unknown to the priors: its popularity
 * and trending are zero and its shrunk rating is the global mean. Leaving them null would let weighted fusion renormalise
 * them away, so unrated items would outrank items every source likes.
 */
export function priorColumns(priors: PriorLookup, candidates: readonly number[]): Record<string, (number | null)[]> {
  const unseen: Record<PriorSource, number> = { popularity: 0, trending: 0, rating: priors.table.globalMean };
  // One Map lookup per candidate, and never an index of -1: that turns an array read into a slow property lookup.
  const rows = candidates.map((id) => priors.row.get(id));
  return Object.fromEntries(
    PRIOR_SOURCES.map((s) => {
      const col = priors.table[s];
      const fallback = unseen[s];
      return [s, rows.map((r) => (r === undefined ? fallback : (col[r] ?? fallback)))];
    }),
  );
}

/** `waitUntil` lets a stale profile or priors table answer while it reloads behind the call (see lib/revalidated.ts). */
export async function centreFuse(env: CentreEnv, input: CentreFusionInput, waitUntil?: WaitUntil): Promise<CentreFusionOutcome> {
  await injectFault(env);
  const { models, priors: usePriors, profile: profileName = "default", ...request } = input;
  if (typeof profileName !== "string" || !PROFILE_NAME.test(profileName)) return invalid("profile must be a profile name");
  // Malformed candidates or scores: the library names the exact field.
  if (!Array.isArray(request.candidates) || typeof request.scores !== "object" || request.scores === null) return fuse(request);
  for (const s of PRIOR_SOURCES) {
    if (Object.hasOwn(request.scores, s)) return invalid(`source name "${s}" is reserved for the centre's priors`);
  }
  // Zero for every source the caller weighed is a mistake, even though the profile would still weigh the priors.
  const own = request.weights;
  if (own && typeof own === "object" && Object.keys(own).length > 0 && Object.values(own).every((w) => w === 0)) {
    return invalid("weights are all zero");
  }

  const [profile, priors] = await Promise.all([
    activeProfile(env.SCORES, profileName, waitUntil),
    usePriors === false ? null : currentPriors(env.SCORES, waitUntil),
  ]);
  const scores = priors ? { ...request.scores, ...priorColumns(priors, request.candidates) } : request.scores;
  const strategy = request.strategy ?? profile.strategy;
  const full: FusionInput = {
    ...request,
    scores,
    weights: mergeWeights(profile.weights, request.weights, Object.keys(scores)),
    strategy,
    normalization: request.normalization ?? profile.normalization,
    missing: request.missing ?? profile.missing,
    rrfK: request.rrfK ?? profile.rrfK,
  };
  if (Object.keys(full.weights ?? {}).length === 0) delete full.weights;
  if (strategy === "stacked" && !request.stacker) {
    const stacker = await stackerFor(env.SCORES, Object.keys(scores));
    if (stacker) full.stacker = stacker;
  }
  const meta = (cached: boolean): CentreMeta => ({
    cached,
    priorsVersion: priors?.table.version ?? null,
    profile: profile.name,
    profileVersion: profile.version,
  });
  const valid = validateFusionInput(full);
  if (!valid.ok) return { ...valid, centre: meta(false) };
  const key = `${planDigest(valid.plan)}|${priors?.table.version ?? "no-priors"}|${profile.name}@${profile.version}|${modelsKey(models)}`;
  const hit = results.get(key);
  if (hit) return { ...hit, centre: meta(true) };
  const outcome = fusePlan(valid.plan);
  results.set(key, outcome);
  return { ...outcome, centre: meta(false) };
}
