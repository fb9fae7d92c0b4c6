// Per-source score normalisation, computed only over the candidates that source scored (nulls stay null).

import type { Normalization } from "./types.ts";

type Column = readonly (number | null)[];

/**
 * 0-based competition ranks ("1224" style) by score descending: tied items share the best rank of their group,
 * so a rank never depends on where the caller happened to put an item in the list.
 */
export function competitionRanks(raw: Column): (number | null)[] {
  // rank = how many scored values are strictly greater. A native typed-array sort plus a binary search per item
  // is several times faster than sorting indices with a comparator over a mixed (number | null) array.
  const sorted = Float64Array.from(raw.filter((x): x is number => x !== null)).sort();
  const n = sorted.length;
  return raw.map((x) => {
    if (x === null) return null;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sorted[mid] as number) <= x) lo = mid + 1;
      else hi = mid;
    }
    return n - lo;
  });
}

/**
 * minmax: (x - min) / (max - min) in [0, 1]. A constant column (including a single scored item) maps to 1:
 *   every item is tied for that source's best, and tied-best items get 1 in any other column too.
 */
function minmax(raw: Column): (number | null)[] {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const x of raw) {
    if (x === null) continue;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  if (max === min) return raw.map((x) => (x === null ? null : 1));
  const range = max - min;
  // Finite inputs can still have an infinite range (e.g. +-1e308); halving first keeps every step finite.
  if (Number.isFinite(range)) return raw.map((x) => (x === null ? null : (x - min) / range));
  const half = max / 2 - min / 2;
  return raw.map((x) => (x === null ? null : (x / 2 - min / 2) / half));
}

/**
 * zscore: (x - mean) / population std. A constant column maps to 0 (every item sits at the mean).
 * Values are divided by max |x| first (z is scale-invariant) so sums cannot overflow, and summed in
 * sorted order so the result does not depend on candidate order.
 */
function zscore(raw: Column): (number | null)[] {
  const values = raw.filter((x): x is number => x !== null);
  const maxAbs = values.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
  if (maxAbs === 0) return raw.map((x) => (x === null ? null : 0));
  const scaled = values.map((x) => x / maxAbs).sort((a, b) => a - b);
  const mean = scaled.reduce((a, b) => a + b, 0) / scaled.length;
  const variance = scaled.reduce((a, x) => a + (x - mean) * (x - mean), 0) / scaled.length;
  const std = Math.sqrt(variance);
  if (std === 0) return raw.map((x) => (x === null ? null : 0));
  return raw.map((x) => (x === null ? null : (x / maxAbs - mean) / std));
}

/** rank: 1 - r / (n - 1) with r the competition rank among the n scored items; n = 1 maps to 1, like minmax. */
function rank(raw: Column): (number | null)[] {
  const ranks = competitionRanks(raw);
  const n = raw.reduce((c: number, x) => (x === null ? c : c + 1), 0);
  return ranks.map((r) => (r === null ? null : n <= 1 ? 1 : 1 - r / (n - 1)));
}

export function normalizeColumn(raw: Column, method: Normalization): (number | null)[] {
  switch (method) {
    case "minmax":
      return minmax(raw);
    case "zscore":
      return zscore(raw);
    case "rank":
      return rank(raw);
  }
}
