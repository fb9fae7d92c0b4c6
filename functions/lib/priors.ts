// Global per-item scores ("priors") the fusion worker adds to every request: popularity, trending and a shrunk mean rating.
// Pure and deterministic: the same ratings, aggregates and config give the same table and version everywhere.

import type { Rating } from "./catalog.ts";
import { Fnv1a64 } from "./fusion/digest.ts";
import { normalizeColumn } from "./fusion/normalize.ts";

/** Per-item feedback counts the edge's scheduled job collects; counts only, no users. `lastSeen` is ms since epoch. */
export interface PriorAggregate {
  itemId: number;
  views: number;
  clicks: number;
  likes: number;
  skips: number;
  ratingSum: number;
  ratingCount: number;
  lastSeen: number;
}

export interface PriorConfig {
  /** Trending: an interaction this many days older than `asOf` counts half. */
  halfLifeDays: number;
  /** Bayesian average: m pseudo-ratings at the global mean are added to every item's ratings. */
  pseudoRatings: number;
  /** How much one feedback event of each kind counts as an interaction (a rating counts 1, like a shipped rating). */
  engagement: { view: number; click: number; like: number; skip: number };
}

export const PRIOR_CONFIG: PriorConfig = {
  halfLifeDays: 90,
  pseudoRatings: 10,
  engagement: { view: 0.1, click: 0.5, like: 1, skip: 0 },
};

export const PRIOR_SOURCES = ["popularity", "trending", "rating"] as const;
export type PriorSource = (typeof PRIOR_SOURCES)[number];

/** Column-oriented so it stores compactly as JSON; aligned arrays sorted by id. */
export interface PriorTable {
  /** Digest of exactly the inputs (ratings, aggregates, config, asOf): part of every fused-result cache key. */
  version: string;
  /** Seconds since epoch that trending is measured from: the newest input timestamp, so the table is reproducible. */
  asOf: number;
  globalMean: number;
  ids: number[];
  /** log(1 + interactions). */
  popularity: number[];
  /** log(1 + sum of interactions decayed by 2^(-age / half-life)). */
  trending: number[];
  /** (m x globalMean + sum of ratings) / (m + count); null for an item nobody rated. */
  rating: (number | null)[];
}

const DAY = 86_400;

interface Acc {
  interactions: number;
  decayed: number;
  ratingSum: number;
  ratingCount: number;
}

function checkConfig(c: PriorConfig): void {
  if (!(c.halfLifeDays > 0 && Number.isFinite(c.halfLifeDays))) throw new RangeError("halfLifeDays must be a finite number > 0");
  if (!(c.pseudoRatings >= 0 && Number.isFinite(c.pseudoRatings))) throw new RangeError("pseudoRatings must be a finite number >= 0");
  for (const [k, v] of Object.entries(c.engagement)) {
    if (!(v >= 0 && Number.isFinite(v))) throw new RangeError(`engagement.${k} must be a finite number >= 0`);
  }
}

function checkAggregate(a: PriorAggregate, i: number): void {
  for (const k of ["itemId", "views", "clicks", "likes", "skips", "ratingSum", "ratingCount", "lastSeen"] as const) {
    if (typeof a[k] !== "number" || !Number.isFinite(a[k])) throw new RangeError(`aggregates[${i}].${k} must be a finite number`);
  }
  if (!Number.isSafeInteger(a.itemId)) throw new RangeError(`aggregates[${i}].itemId must be an integer`);
  if (a.views < 0 || a.clicks < 0 || a.likes < 0 || a.skips < 0 || a.ratingCount < 0) {
    throw new RangeError(`aggregates[${i}] has a negative count`);
  }
}

function inputVersion(ratings: readonly Rating[], aggregates: readonly PriorAggregate[], config: PriorConfig, asOf: number): string {
  const h = new Fnv1a64().str("efx-priors-1").f64(asOf).f64(config.halfLifeDays).f64(config.pseudoRatings);
  for (const v of Object.values(config.engagement)) h.f64(v);
  h.u32(ratings.length);
  for (const r of ratings) h.f64(r.movieId).f64(r.rating).f64(r.timestamp);
  h.u32(aggregates.length);
  for (const a of aggregates) {
    h.f64(a.itemId).f64(a.views).f64(a.clicks).f64(a.likes).f64(a.skips).f64(a.ratingSum).f64(a.ratingCount).f64(a.lastSeen);
  }
  return `pr1:${h.hex()}`;
}

/**
 * Computes every item's priors from the shipped ratings plus feedback aggregates. An item with no interaction at all has
 * no entry (the fusion worker passes null for it). `asOf` defaults to the newest timestamp in the inputs, so an old
 * dataset is not decayed to nothing by the wall clock and the same inputs always give the same version.
 */
export function computePriors(
  ratings: readonly Rating[],
  aggregates: readonly PriorAggregate[] = [],
  config: PriorConfig = PRIOR_CONFIG,
  asOf?: number,
): PriorTable {
  checkConfig(config);
  aggregates.forEach(checkAggregate);
  // Aggregates are summed per item first, so the caller may send one row per location.
  const sortedAggs = [...aggregates].sort((a, b) => a.itemId - b.itemId || a.lastSeen - b.lastSeen);
  let newest = 0;
  for (const r of ratings) newest = Math.max(newest, r.timestamp);
  for (const a of sortedAggs) newest = Math.max(newest, a.lastSeen / 1000);
  const now = asOf ?? newest;
  const lambda = Math.LN2 / (config.halfLifeDays * DAY);
  const decay = (t: number) => Math.exp(-lambda * Math.max(0, now - t));

  const byItem = new Map<number, Acc>();
  const acc = (id: number): Acc => {
    let a = byItem.get(id);
    if (!a) {
      a = { interactions: 0, decayed: 0, ratingSum: 0, ratingCount: 0 };
      byItem.set(id, a);
    }
    return a;
  };
  let totalSum = 0;
  let totalCount = 0;
  for (const r of ratings) {
    const a = acc(r.movieId);
    a.interactions += 1;
    a.decayed += decay(r.timestamp);
    a.ratingSum += r.rating;
    a.ratingCount += 1;
    totalSum += r.rating;
    totalCount += 1;
  }
  const e = config.engagement;
  for (const g of sortedAggs) {
    const a = acc(g.itemId);
    // An aggregate knows only its newest event, so all its interactions are decayed from lastSeen (an upper bound).
    const n = g.views * e.view + g.clicks * e.click + g.likes * e.like + g.skips * e.skip + g.ratingCount;
    a.interactions += n;
    a.decayed += n * decay(g.lastSeen / 1000);
    a.ratingSum += g.ratingSum;
    a.ratingCount += g.ratingCount;
    totalSum += g.ratingSum;
    totalCount += g.ratingCount;
  }
  const globalMean = totalCount > 0 ? totalSum / totalCount : 0;
  const m = config.pseudoRatings;
  const ids = [...byItem.keys()].filter((id) => (byItem.get(id) as Acc).interactions > 0).sort((a, b) => a - b);
  const rows = ids.map((id) => byItem.get(id) as Acc);
  return {
    version: inputVersion(ratings, sortedAggs, config, now),
    asOf: now,
    globalMean,
    ids,
    popularity: rows.map((a) => Math.log1p(a.interactions)),
    trending: rows.map((a) => Math.log1p(a.decayed)),
    rating: rows.map((a) => (a.ratingCount > 0 ? (m * globalMean + a.ratingSum) / (m + a.ratingCount) : null)),
  };
}

export interface Blend {
  /** One score per item of the table, aligned with `ids`. */
  scores: Float64Array;
  /** Each blended prior minmax-normalised over all items (null where the item has none). */
  normalized: Partial<Record<PriorSource, (number | null)[]>>;
  /** The positive weights used, normalised to sum 1. */
  weights: Partial<Record<PriorSource, number>>;
}

/**
 * Blends the priors for cold start: each prior minmax-normalised over all items, then a weighted mean over the priors
 * the item has (a never-rated item is judged by popularity and trending alone).
 */
export function blendPriors(table: PriorTable, weights: Partial<Record<PriorSource, number>>): Blend {
  const used = PRIOR_SOURCES.filter((s) => {
    const w = weights[s] ?? 0;
    if (!(w >= 0 && Number.isFinite(w))) throw new RangeError(`weights.${s} must be a finite number >= 0`);
    return w > 0;
  });
  if (used.length === 0) throw new RangeError("blendPriors needs a positive weight on at least one prior");
  const total = used.reduce((a, s) => a + (weights[s] as number), 0);
  const cols = used.map((s) => ({ s, w: (weights[s] as number) / total, col: normalizeColumn(table[s], "minmax") }));
  const scores = Float64Array.from(table.ids, (_, i) => {
    let num = 0;
    let den = 0;
    for (const { w, col } of cols) {
      const x = col[i] ?? null;
      if (x !== null) {
        num += w * x;
        den += w;
      }
    }
    return den > 0 ? num / den : 0;
  });
  return {
    scores,
    normalized: Object.fromEntries(cols.map((c) => [c.s, c.col])),
    weights: Object.fromEntries(cols.map((c) => [c.s, c.w])),
  };
}

/** Per item, what an edge location's feedback store reports for the priors. Counts only: no user, no event id. */
export interface ItemAggregate {
  itemId: number;
  views: number;
  clicks: number;
  likes: number;
  skips: number;
  ratings: number;
  meanRating: number | null;
  lastSeen: number;
}

/** The edge feedback store's per-item row (mean + count) as the priors' summable form (sum + count). */
export function toPriorAggregate(a: ItemAggregate): PriorAggregate {
  const { ratings, meanRating, ...counts } = a;
  return { ...counts, ratingSum: meanRating === null ? 0 : meanRating * ratings, ratingCount: ratings };
}
