// Turns an untrusted RPC payload into a FusionPlan, or a reason naming the exact offending field.

import type { FusionPlan, MissingPolicy, Normalization, Stacker, Strategy } from "./types.ts";
import { FUSION_DEFAULTS, FUSION_LIMITS } from "./types.ts";

export type Validation = { ok: true; plan: FusionPlan } | { ok: false; code: "invalid_input"; reason: string };

class Invalid extends Error {}
// Throwing internally keeps each check one line; only validateFusionInput sees it and turns it into a value.
function check(cond: boolean, reason: string): asserts cond {
  if (!cond) throw new Invalid(reason);
}
// For per-element checks: the reason is built only on failure (eager template strings dominated a 5,000 x 16 input).
function fail(reason: string): never {
  throw new Invalid(reason);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  return typeof v === "number" ? String(v) : v === undefined ? "undefined" : typeof v;
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[], fallback: T, field: string): T {
  if (v === undefined) return fallback;
  check(typeof v === "string" && (allowed as readonly string[]).includes(v), `${field} must be one of ${allowed.join(", ")}`);
  return v as T;
}

function candidatesOf(v: unknown): number[] {
  check(Array.isArray(v), "candidates must be an array");
  check(v.length <= FUSION_LIMITS.maxCandidates, `at most ${FUSION_LIMITS.maxCandidates} candidates (got ${v.length})`);
  const seen = new Set<number>();
  // Index loops, not map: map skips holes in sparse arrays, which must be rejected too.
  const out: number[] = new Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const id: unknown = v[i];
    if (typeof id !== "number" || !Number.isSafeInteger(id)) fail(`candidates[${i}] is not a finite integer (${describe(id)})`);
    if (seen.has(id)) fail(`candidates[${i}] duplicates id ${id}`);
    seen.add(id);
    out[i] = id;
  }
  return out;
}

function columnOf(name: string, v: unknown, n: number): (number | null)[] {
  check(name.length > 0 && name.length <= FUSION_LIMITS.maxNameLength, `source name must be 1..${FUSION_LIMITS.maxNameLength} characters`);
  check(Array.isArray(v), `scores.${name} must be an array`);
  check(v.length === n, `scores.${name} has ${v.length} entries but there are ${n} candidates`);
  const out: (number | null)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const x: unknown = v[i];
    if (x !== null && (typeof x !== "number" || !Number.isFinite(x))) {
      fail(`scores.${name}[${i}] is ${describe(x)}; scores must be finite numbers or null`);
    }
    out[i] = x;
  }
  return out;
}

function weightsOf(v: unknown, sources: string[]): number[] {
  if (v === undefined) return sources.map(() => 1 / sources.length);
  check(isRecord(v), "weights must be an object of source name to number");
  for (const name of Object.keys(v)) check(sources.includes(name), `weights names unknown source "${name}"`);
  const raw = sources.map((s) => {
    const w = Object.hasOwn(v, s) ? v[s] : 1;
    check(typeof w === "number" && Number.isFinite(w) && w >= 0, `weights.${s} must be a finite number >= 0 (got ${describe(w)})`);
    return w;
  });
  // Divide by the max first so a sum of huge finite weights cannot overflow.
  const max = Math.max(...raw);
  check(max > 0, "weights are all zero");
  const scaled = raw.map((w) => w / max);
  const sum = scaled.reduce((a, b) => a + b, 0);
  return scaled.map((w) => w / sum);
}

function boundedNumber(v: unknown, field: string): number {
  const m = FUSION_LIMITS.maxStackerMagnitude;
  check(typeof v === "number" && Number.isFinite(v) && Math.abs(v) <= m, `${field} must be a finite number within +-${m}`);
  return v;
}

function stackerOf(v: unknown): Stacker | null {
  if (v === undefined) return null;
  check(isRecord(v), "stacker must be an object");
  const { features, weights, bias, version, trainedOn } = v;
  check(
    Array.isArray(features) && features.length <= 2 * FUSION_LIMITS.maxSources,
    "stacker.features must be an array of at most 32 names",
  );
  const names = features.map((f: unknown, i) => {
    check(typeof f === "string" && f.length > 0, `stacker.features[${i}] must be a non-empty string`);
    return f;
  });
  check(new Set(names).size === names.length, "stacker.features has duplicates");
  check(Array.isArray(weights) && weights.length === names.length, "stacker.weights must align with stacker.features");
  const ws = weights.map((w: unknown, i) => boundedNumber(w, `stacker.weights[${i}]`));
  check(typeof version === "string" && version.length > 0 && version.length <= 128, "stacker.version must be a 1..128 character string");
  check(typeof trainedOn === "number" && Number.isSafeInteger(trainedOn) && trainedOn >= 0, "stacker.trainedOn must be an integer >= 0");
  return { features: names, weights: ws, bias: boundedNumber(bias, "stacker.bias"), version, trainedOn };
}

function buildPlan(input: unknown): FusionPlan {
  check(isRecord(input), "input must be an object");
  const given = candidatesOf(input.candidates);
  check(isRecord(input.scores), "scores must be an object of source name to score array");
  const scores = input.scores;
  const sources = Object.keys(scores).sort();
  check(sources.length >= 1, "scores must name at least one source");
  check(sources.length <= FUSION_LIMITS.maxSources, `at most ${FUSION_LIMITS.maxSources} sources (got ${sources.length})`);
  const givenColumns = sources.map((s) => columnOf(s, scores[s], given.length));

  const k = input.k ?? FUSION_DEFAULTS.k;
  check(
    typeof k === "number" && Number.isInteger(k) && k >= 1 && k <= FUSION_LIMITS.maxK,
    `k must be an integer in 1..${FUSION_LIMITS.maxK}`,
  );
  const rrfK = input.rrfK ?? FUSION_DEFAULTS.rrfK;
  check(typeof rrfK === "number" && Number.isFinite(rrfK) && rrfK >= 0, "rrfK must be a finite number >= 0");

  // Canonical order: ascending id. Reasons above still name the caller's own indices.
  const order = given.map((_, i) => i).sort((a, b) => (given[a] as number) - (given[b] as number));
  return {
    candidates: order.map((i) => given[i] as number),
    sources,
    columns: givenColumns.map((col) => order.map((i) => col[i] as number | null)),
    weights: weightsOf(input.weights, sources),
    strategy: oneOf<Strategy>(input.strategy, ["weighted", "rrf", "vote", "stacked"], FUSION_DEFAULTS.strategy, "strategy"),
    normalization: oneOf<Normalization>(input.normalization, ["minmax", "zscore", "rank"], FUSION_DEFAULTS.normalization, "normalization"),
    missing: oneOf<MissingPolicy>(input.missing, ["renormalize", "zero"], FUSION_DEFAULTS.missing, "missing"),
    rrfK,
    k,
    stacker: stackerOf(input.stacker),
  };
}

export function validateFusionInput(input: unknown): Validation {
  try {
    return { ok: true, plan: buildPlan(input) };
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, code: "invalid_input", reason: e.message };
    throw e;
  }
}
