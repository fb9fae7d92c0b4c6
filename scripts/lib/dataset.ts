// Turns ratings into per-user histories over a fixed item index, and does the time-based splits the eval needs.

import { historyWeight } from "../../functions/lib/pooling.ts";
import type { Rating } from "./movielens.ts";

export const POSITIVE_RATING = 4;

export interface Interaction {
  item: number;
  rating: number;
  weight: number;
  timestamp: number;
}

export interface UserHistory {
  userId: number;
  items: Interaction[];
}

/** Item index = movies with at least one rating in `ratings`, in ascending movieId order (this is items.json). */
export function itemIndex(ratings: readonly Rating[]): number[] {
  return [...new Set(ratings.map((r) => r.movieId))].sort((a, b) => a - b);
}

export function histories(ratings: readonly Rating[], items: readonly number[]): UserHistory[] {
  const row = new Map(items.map((m, i) => [m, i]));
  const byUser = new Map<number, Interaction[]>();
  for (const r of ratings) {
    const item = row.get(r.movieId);
    if (item === undefined) continue;
    const list = byUser.get(r.userId) ?? [];
    list.push({ item, rating: r.rating, weight: historyWeight({ rating: r.rating }), timestamp: r.timestamp });
    byUser.set(r.userId, list);
  }
  return [...byUser.entries()].sort((a, b) => a[0] - b[0]).map(([userId, list]) => ({ userId, items: list }));
}

/** Ratings in the last `fraction` of the time span of `ratings` are "after"; everything earlier is "before". */
export function splitByTime(ratings: readonly Rating[], fraction: number): { before: Rating[]; after: Rating[]; cutoff: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of ratings) (lo = Math.min(lo, r.timestamp)), (hi = Math.max(hi, r.timestamp));
  const cutoff = hi - fraction * (hi - lo);
  return { before: ratings.filter((r) => r.timestamp < cutoff), after: ratings.filter((r) => r.timestamp >= cutoff), cutoff };
}

/**
 * Supplementary split with far more test users than the time split: `itemFraction` of the rated movies lose ALL their
 * ratings to test (true cold items), and `ratingFraction` of every user's remaining ratings go to test at random.
 */
export function splitRandom(
  ratings: readonly Rating[],
  itemFraction: number,
  ratingFraction: number,
  rng: () => number,
): { before: Rating[]; after: Rating[] } {
  const coldItems = new Set(itemIndex(ratings).filter(() => rng() < itemFraction));
  const before: Rating[] = [];
  const after: Rating[] = [];
  for (const r of ratings) (coldItems.has(r.movieId) || rng() < ratingFraction ? after : before).push(r);
  return { before, after };
}
