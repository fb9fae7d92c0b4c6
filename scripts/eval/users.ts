// Evaluation users over catalog indices (movies.csv order): train history with weights, held-out positives.
import { historyWeight } from "../../functions/lib/pooling.ts";
import { POSITIVE_RATING } from "../lib/dataset.ts";
import type { Movie, Rating } from "../lib/movielens.ts";

export interface EvalUser {
  userId: number;
  history: { item: number; weight: number }[];
  seen: Set<number>;
  positives: Set<number>;
}

export function catalogIndex(movies: readonly Movie[]): Map<number, number> {
  return new Map(movies.map((m, i) => [m.movieId, i]));
}

/** Users with history in `past` and at least one positive in `future` that they had not rated before. */
export function evalUsers(movies: readonly Movie[], past: readonly Rating[], future: readonly Rating[]): EvalUser[] {
  const idx = catalogIndex(movies);
  const byUser = new Map<number, EvalUser>();
  for (const r of past) {
    const item = idx.get(r.movieId);
    if (item === undefined) continue;
    const u = byUser.get(r.userId) ?? { userId: r.userId, history: [], seen: new Set<number>(), positives: new Set<number>() };
    u.history.push({ item, weight: historyWeight({ rating: r.rating }) });
    u.seen.add(item);
    byUser.set(r.userId, u);
  }
  for (const r of future) {
    const item = idx.get(r.movieId);
    const u = byUser.get(r.userId);
    if (item === undefined || u === undefined || r.rating < POSITIVE_RATING || u.seen.has(item)) continue;
    u.positives.add(item);
  }
  return [...byUser.values()].filter((u) => u.positives.size > 0).sort((a, b) => a.userId - b.userId);
}
