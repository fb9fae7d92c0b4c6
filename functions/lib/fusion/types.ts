// Fusion contracts. Plain JSON-able shapes because they cross Workers RPC between the edge and the fusion worker.

export type Strategy = "weighted" | "rrf" | "vote" | "stacked";
export type Normalization = "minmax" | "zscore" | "rank";
/** How "weighted" treats a source that did not score an item (see weighted.ts). */
export type MissingPolicy = "renormalize" | "zero";

/** Logistic-regression combiner over minmax-normalised source scores (see stacked.ts). */
export interface Stacker {
  /** Source names, plus optional `missing:<source>` indicator features. */
  features: string[];
  weights: number[];
  bias: number;
  version: string;
  /** Number of training examples; 0 means untrained and makes "stacked" fall back. */
  trainedOn: number;
}

export interface FusionInput {
  /** Item ids, unique integers. */
  candidates: number[];
  /** Per source, aligned with candidates; null = the source did not score that item. */
  scores: Record<string, (number | null)[]>;
  strategy?: Strategy;
  /** Relative, >= 0, not all zero; a source with no entry weighs 1. Names must be sources. */
  weights?: Record<string, number>;
  normalization?: Normalization;
  missing?: MissingPolicy;
  rrfK?: number;
  k?: number;
  stacker?: Stacker;
}

/** score = sum of weight x normalized over non-null contributions, except "stacked" (sigmoid of that plus bias). */
export interface Contribution {
  raw: number | null;
  normalized: number | null;
  weight: number;
}

export interface FusedItem {
  id: number;
  score: number;
  /** 1-based; order is score desc, then id asc. */
  rank: number;
  contributions: Record<string, Contribution>;
}

export type FusionOutcome =
  | {
      ok: true;
      /** The strategy actually applied (differs from the request when fallback is set). */
      strategy: Strategy;
      fallback?: string;
      /** Validated source weights, normalised to sum 1. */
      weights: Record<string, number>;
      items: FusedItem[];
    }
  | { ok: false; code: "invalid_input"; reason: string };

export const FUSION_LIMITS = {
  maxCandidates: 5000,
  maxSources: 16,
  maxK: 1000,
  maxNameLength: 64,
  /** Bounds stacker coefficients so bias + sum(w x) can never overflow to Infinity - Infinity. */
  maxStackerMagnitude: 1e6,
} as const;

export const FUSION_DEFAULTS = {
  strategy: "weighted",
  normalization: "minmax",
  missing: "renormalize",
  rrfK: 60,
  k: 10,
} as const satisfies {
  strategy: Strategy;
  normalization: Normalization;
  missing: MissingPolicy;
  rrfK: number;
  k: number;
};

/** The validated, canonical form every strategy and the digest work from. */
export interface FusionPlan {
  /** Sorted ascending, so results and digests never depend on the caller's candidate order. */
  candidates: number[];
  /** Sorted by name; columns and weights are aligned with it. */
  sources: string[];
  columns: (number | null)[][];
  weights: number[];
  strategy: Strategy;
  normalization: Normalization;
  missing: MissingPolicy;
  rrfK: number;
  k: number;
  stacker: Stacker | null;
}

/** What a strategy hands back: a score per candidate plus what explains it. */
export interface Scored {
  scores: Float64Array;
  normalized: (number | null)[][];
  weightOf: (source: number, item: number) => number;
}

/**
 * What the edge sends the central fusion worker: the lib's input plus what only the centre uses. The lib ignores the
 * extra fields, so the edge's degraded fallback can fuse the same object locally.
 */
export interface CentreFusionInput extends FusionInput {
  /** Versions of the models that produced the scores: part of the fused-result cache key. */
  models?: Record<string, string>;
  /** Join the centre's cached item priors (popularity, trending, rating) as extra sources; default true. */
  priors?: boolean;
  /** Named weight profile supplying default weights and strategy; default "default". Request weights override it. */
  profile?: string;
}

/** How the centre answered: which priors and profile versions it used and whether the result came from its cache. */
export interface CentreMeta {
  cached: boolean;
  priorsVersion: string | null;
  profile: string;
  profileVersion: number;
}

/** Optional `centre` keeps it assignable to FusionOutcome, so the edge's fallback path needs no second type. */
export type CentreFusionOutcome = FusionOutcome & { centre?: CentreMeta };

/** Cold start (no query, no history): the top items by the profile's blend of the centre's priors. */
export interface PopularRequest {
  k: number;
  /** Only these ids may be returned (the edge's filters, resolved against its catalog). */
  allow?: number[];
  exclude?: number[];
  profile?: string;
}

export type PopularOutcome =
  | { ok: true; strategy: "popular"; weights: Record<string, number>; items: FusedItem[]; centre: CentreMeta }
  | { ok: false; code: "invalid_input"; reason: string };
