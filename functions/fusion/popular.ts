// Cold start: with no query and no history, the top items by the profile's blend of priors.

import type { FusedItem, PopularOutcome, PopularRequest } from "../lib/fusion/types.ts";
import { FUSION_LIMITS } from "../lib/fusion/types.ts";
import { type Blend, blendPriors, PRIOR_SOURCES, type PriorSource } from "../lib/priors.ts";
import type { WaitUntil } from "../lib/revalidated.ts";
import { type FaultEnv, injectFault } from "./faults.ts";
import { currentPriors, type PriorLookup } from "./priors-store.ts";
import { PROFILE_NAME } from "./profile-rules.ts";
import { activeProfile } from "./profiles.ts";

export const MAX_ID_LIST = 100_000;
/** Used when the profile gives every prior zero weight: cold start still needs an order. */
const FALLBACK_BLEND: Partial<Record<PriorSource, number>> = { popularity: 1 };

// One blend per (priors version, profile version): the blend and its order cost a sort of every item.
let held: { key: string; blend: Blend; order: number[] } | undefined;

function blended(priors: PriorLookup, profileKey: string, weights: Record<string, number>) {
  const key = `${priors.table.version}|${profileKey}`;
  if (held?.key === key) return held;
  const pick = Object.fromEntries(PRIOR_SOURCES.map((s) => [s, weights[s] ?? 0]));
  const blend = blendPriors(priors.table, Object.values(pick).some((w) => w > 0) ? pick : FALLBACK_BLEND);
  const { ids } = priors.table;
  const order = ids
    .map((_, i) => i)
    .sort((a, b) => (blend.scores[b] as number) - (blend.scores[a] as number) || (ids[a] as number) - (ids[b] as number));
  held = { key, blend, order };
  return held;
}

function idList(v: unknown, field: string): Set<number> | string | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.length > MAX_ID_LIST) return `${field} must be an array of at most ${MAX_ID_LIST} ids`;
  for (const id of v) if (!Number.isSafeInteger(id)) return `${field} must hold integer ids`;
  return new Set(v as number[]);
}

export async function popular(env: FaultEnv, req: PopularRequest, waitUntil?: WaitUntil): Promise<PopularOutcome> {
  await injectFault(env);
  const bad = (reason: string): PopularOutcome => ({ ok: false, code: "invalid_input", reason });
  if (typeof req !== "object" || req === null) return bad("request must be an object");
  const { k, profile: name = "default" } = req;
  if (!Number.isInteger(k) || k < 1 || k > FUSION_LIMITS.maxK) return bad(`k must be an integer in 1..${FUSION_LIMITS.maxK}`);
  if (typeof name !== "string" || !PROFILE_NAME.test(name)) return bad("profile must be a profile name");
  const allow = idList(req.allow, "allow");
  const exclude = idList(req.exclude, "exclude");
  if (typeof allow === "string") return bad(allow);
  if (typeof exclude === "string") return bad(exclude);

  const [profile, priors] = await Promise.all([activeProfile(env.SCORES, name, waitUntil), currentPriors(env.SCORES, waitUntil)]);
  const { blend, order } = blended(priors, `${profile.name}@${profile.version}`, profile.weights);
  const items: FusedItem[] = [];
  for (const i of order) {
    const id = priors.table.ids[i] as number;
    if ((allow && !allow.has(id)) || exclude?.has(id)) continue;
    items.push({
      id,
      score: blend.scores[i] as number,
      rank: items.length + 1,
      contributions: Object.fromEntries(
        Object.entries(blend.weights).map(([s, w]) => {
          const normalized = blend.normalized[s as PriorSource]?.[i] ?? null;
          return [s, { raw: priors.table[s as PriorSource][i] ?? null, normalized, weight: normalized === null ? 0 : w }];
        }),
      ),
    });
    if (items.length === k) break;
  }
  return {
    ok: true,
    strategy: "popular",
    weights: blend.weights as Record<string, number>,
    items,
    centre: { cached: false, priorsVersion: priors.table.version, profile: profile.name, profileVersion: profile.version },
  };
}
