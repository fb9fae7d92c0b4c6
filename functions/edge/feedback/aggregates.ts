// Sums every location's per-item counts for the centre's popularity/trending refresh: aggregates travel, events never do.
import type { ItemAggregate } from "./schema.ts";

export function mergeAggregates(perLocation: readonly (readonly ItemAggregate[])[]): ItemAggregate[] {
  const byItem = new Map<number, ItemAggregate & { ratingSum: number }>();
  for (const rows of perLocation) {
    for (const r of rows) {
      const acc = byItem.get(r.itemId) ?? {
        itemId: r.itemId,
        views: 0,
        clicks: 0,
        likes: 0,
        skips: 0,
        ratings: 0,
        meanRating: null,
        lastSeen: 0,
        ratingSum: 0,
      };
      acc.views += r.views;
      acc.clicks += r.clicks;
      acc.likes += r.likes;
      acc.skips += r.skips;
      acc.ratings += r.ratings;
      acc.ratingSum += r.meanRating === null ? 0 : r.meanRating * r.ratings;
      acc.lastSeen = Math.max(acc.lastSeen, r.lastSeen);
      byItem.set(r.itemId, acc);
    }
  }
  return [...byItem.values()]
    .sort((a, b) => a.itemId - b.itemId)
    .map(({ ratingSum, ...a }) => ({ ...a, meanRating: a.ratings > 0 ? ratingSum / a.ratings : null }));
}

/** All locations' aggregates since `since` (ms), merged. */
export async function collectAggregates(env: Pick<EdgeEnv, "FEEDBACK">, locations: readonly string[], since = 0): Promise<ItemAggregate[]> {
  const rows = await Promise.all(locations.map((l) => env.FEEDBACK.get(env.FEEDBACK.idFromName(l)).aggregates(since)));
  return mergeAggregates(rows);
}
