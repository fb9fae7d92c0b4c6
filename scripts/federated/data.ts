// Splits the shipped ratings for the simulation: time split (test = last 10% of the span, as reports/eval.md), K disjoint locations.
import type { Example } from "../../functions/lib/federated/sgd.ts";
import { historyWeight } from "../../functions/lib/pooling.ts";
import { mulberry32, shuffleInPlace } from "../../functions/lib/random.ts";
import type { Scorer } from "../eval/scorers.ts";
import type { EvalUser } from "../eval/users.ts";
import { POSITIVE_RATING } from "../lib/dataset.ts";
import type { Rating } from "../lib/movielens.ts";
import { examplesFor, type Reaction } from "./impressions.ts";
import type { SimSource } from "./sources.ts";

/** Within a user's train ratings, the latest fraction are the reactions the profile built from the earlier ones must predict. */
export const REACTION_FRACTION = 0.2;
export const NEGATIVE_RATING = 2.5;
const MIN_TRAIN_RATINGS = 5;

/** Users to locations by a seeded shuffle: disjoint and roughly equal in users (not in ratings). */
export function assignLocations(userIds: readonly number[], k: number, seed: number): Map<number, number> {
  const order = shuffleInPlace(
    [...userIds].sort((a, b) => a - b),
    mulberry32(seed),
  );
  return new Map(order.map((u, i) => [u, i % k]));
}

/** Every train-period user's feedback examples (profile from their earlier ratings, reactions from their later ones). */
export function userExamples(
  train: readonly Rating[],
  idx: ReadonlyMap<number, number>,
  scorers: Record<SimSource, Scorer>,
  seed: number,
  tick: () => void,
): Map<number, Example[]> {
  const byUser = new Map<number, Rating[]>();
  for (const r of train) if (idx.has(r.movieId)) byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), r]);
  const out = new Map<number, Example[]>();
  for (const [userId, ratings] of [...byUser.entries()].sort((a, b) => a[0] - b[0])) {
    tick();
    if (ratings.length < MIN_TRAIN_RATINGS) continue;
    ratings.sort((a, b) => a.timestamp - b.timestamp || a.movieId - b.movieId);
    const cut = Math.floor(ratings.length * (1 - REACTION_FRACTION));
    const profile = ratings.slice(0, cut);
    const user: EvalUser = {
      userId,
      history: profile.map((r) => ({ item: idx.get(r.movieId) as number, weight: historyWeight({ rating: r.rating }) })),
      seen: new Set(profile.map((r) => idx.get(r.movieId) as number)),
      positives: new Set(),
    };
    const reactions: Reaction[] = [];
    for (const r of ratings.slice(cut)) {
      const item = idx.get(r.movieId) as number;
      if (user.seen.has(item)) continue;
      if (r.rating >= POSITIVE_RATING) reactions.push({ item, label: 1 });
      else if (r.rating <= NEGATIVE_RATING) reactions.push({ item, label: 0 });
    }
    if (reactions.length > 0) out.set(userId, examplesFor(user, reactions, scorers, seed + userId));
  }
  return out;
}
