// One-off measurement behind NEUTRAL_RATING in functions/lib/pooling.ts: CF encoder, random 20% per-user holdout, NDCG@10 per weight rule.
// Run: E=10 npx tsx scripts/eval/experiments/weight-rule.ts

import { evaluate } from "../../eval/evaluate.ts";
import { vectorScorer } from "../../eval/scorers.ts";
import { evalUsers } from "../../eval/users.ts";
import { histories, itemIndex } from "../../lib/dataset.ts";
import { loadMovies, loadRatings } from "../../lib/movielens.ts";
import { mulberry32 } from "../../lib/prng.ts";
import { CF_DEFAULTS, trainCf } from "../../train/cf.ts";

const movies = loadMovies();
const ratings = loadRatings();
const rng = mulberry32(5);
const hold = ratings.map(() => rng() < 0.2);
const train = ratings.filter((_, i) => !hold[i]);
const test = ratings.filter((_, i) => hold[i]);
const rules: Record<string, (r: number) => number> = {
  "r-3": (r) => r - 3,
  "r-2.5": (r) => r - 2.5,
  one: () => 1,
  "r-3.5": (r) => r - 3.5,
};
const items = itemIndex(train);
const rowOf = new Map(items.map((m, i) => [m, i]));
for (const [name, rule] of Object.entries(rules)) {
  const hist = histories(train, items).map((h) => ({ ...h, items: h.items.map((x) => ({ ...x, weight: rule(x.rating) })) }));
  const table = trainCf(hist, items.length, { ...CF_DEFAULTS, epochs: Number(process.env.E ?? 10) }, 42, name);
  const vecs = movies.map((m) => {
    const r = rowOf.get(m.movieId);
    return r === undefined ? null : table.slice(r * 64, r * 64 + 64);
  });
  const byMovie = new Map(train.map((r) => [`${r.userId}:${r.movieId}`, r.rating]));
  const users = evalUsers(movies, train, test).map((u) => ({
    ...u,
    history: u.history.map((h) => ({ ...h, weight: rule(byMovie.get(`${u.userId}:${movies[h.item]!.movieId}`)!) })),
  }));
  const m = evaluate(users, vectorScorer(vecs));
  console.log(name, users.length, m.ndcg10.toFixed(4), m.recall10.toFixed(4), m.recall20.toFixed(4));
}
