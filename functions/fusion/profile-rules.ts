// Weight profiles: the default weights and strategy per named profile, validated with the fusion library's own rules.
// Pure (no env), so unit tests and the store share it.

import type { MissingPolicy, Normalization, Strategy } from "../lib/fusion/types.ts";
import { validateFusionInput } from "../lib/fusion/validate.ts";
import { PRIOR_SOURCES } from "../lib/priors.ts";

/** Every source a request can carry: the edge's models plus the centre's priors. A profile may weigh only these. */
export const KNOWN_SOURCES = ["query", "title", "content", "collab", ...PRIOR_SOURCES] as const;

export interface ProfileConfig {
  weights: Record<string, number>;
  strategy?: Strategy;
  normalization?: Normalization;
  missing?: MissingPolicy;
  rrfK?: number;
}

export interface Profile extends ProfileConfig {
  name: string;
  /** 0 is the code default below; every edit stored in KV gets the next integer. */
  version: number;
  createdAt: string;
}

/**
 * The one place the code defaults live (version 0 of every profile until KV holds one). The few-shot weights,
 * normalisation and missing policy were tuned by `npm run eval` (coordinate ascent on a validation part of the random
 * holdout's train, never test; see reports/eval.md). The query weight is for zero-shot search, which few-shot data
 * cannot tune: it stays at the hand-set 1, the scale the tuned weights are expressed in (strongest few-shot weight = 1).
 * The title (BM25) source joins only when a query names a film, and is likewise hand-set, level with the query.
 */
export const DEFAULT_PROFILE_CONFIG: Readonly<ProfileConfig> = Object.freeze({
  weights: Object.freeze({ query: 1, title: 1, content: 0.4, collab: 1, popularity: 1, trending: 0, rating: 0.4 }),
  strategy: "weighted",
  normalization: "minmax",
  missing: "renormalize",
});

export const PROFILE_NAME = /^[a-z][a-z0-9-]{0,31}$/;

export type ProfileCheck = { ok: true; config: ProfileConfig } | { ok: false; code: "invalid_profile"; reason: string };

const ALLOWED_KEYS = new Set(["weights", "strategy", "normalization", "missing", "rrfK"]);

function invalid(reason: string): ProfileCheck {
  return { ok: false, code: "invalid_profile", reason };
}

/** Checks names against KNOWN_SOURCES, then lets the library judge the rest exactly as it would judge a request. */
export function validateProfile(input: unknown): ProfileCheck {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return invalid("profile must be an object");
  const p = input as Record<string, unknown>;
  for (const key of Object.keys(p)) if (!ALLOWED_KEYS.has(key)) return invalid(`unknown profile field "${key}"`);
  const weights = p.weights;
  if (typeof weights !== "object" || weights === null || Array.isArray(weights))
    return invalid("weights must be an object of source name to number");
  const names = Object.keys(weights);
  if (names.length === 0) return invalid("weights must name at least one source");
  for (const name of names) {
    if (!(KNOWN_SOURCES as readonly string[]).includes(name))
      return invalid(`weights names unknown source "${name}" (known: ${KNOWN_SOURCES.join(", ")})`);
  }
  // One dummy candidate scored by every named source: the library then applies its weight and option rules verbatim.
  const v = validateFusionInput({
    candidates: [1],
    scores: Object.fromEntries(names.map((n) => [n, [0]])),
    weights,
    strategy: p.strategy,
    normalization: p.normalization,
    missing: p.missing,
    rrfK: p.rrfK,
  });
  if (!v.ok) return invalid(v.reason);
  const config: ProfileConfig = { weights: Object.fromEntries(names.map((n) => [n, (weights as Record<string, number>)[n] as number])) };
  if (p.strategy !== undefined) config.strategy = v.plan.strategy;
  if (p.normalization !== undefined) config.normalization = v.plan.normalization;
  if (p.missing !== undefined) config.missing = v.plan.missing;
  if (p.rrfK !== undefined) config.rrfK = v.plan.rrfK;
  return { ok: true, config };
}

/**
 * The profile's weights for the sources a request actually has, overridden by the request's own weights. Sources the
 * profile does not name keep the library's default (1); request names are passed through so the library still rejects
 * an unknown one.
 */
export function mergeWeights(
  profile: Readonly<Record<string, number>>,
  request: Readonly<Record<string, number>> | undefined,
  sources: readonly string[],
): Record<string, number> {
  const merged: Record<string, number> = {};
  for (const s of sources) if (Object.hasOwn(profile, s)) merged[s] = profile[s] as number;
  return { ...merged, ...(request ?? {}) };
}
