// One-off sweep behind the CF epoch count: random 20% per-user holdout (half the users), NDCG@10 every 4 epochs vs ItemKNN.
// Run: B=32 npx tsx scripts/eval/experiments/cf-epochs.ts

import { evaluate } from "../../eval/evaluate.ts";
import { itemKnn, vectorScorer } from "../../eval/scorers.ts";
import { catalogIndex, evalUsers } from "../../eval/users.ts";
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
const items = itemIndex(train);
const rowOf = new Map(items.map((m, i) => [m, i]));
const users = evalUsers(movies, train, test).filter((_, i) => i % 2 === 0);
const knn = evaluate(users, itemKnn(movies.length, train, catalogIndex(movies)));
console.log("itemknn", users.length, knn.ndcg10.toFixed(4), knn.recall10.toFixed(4));
const wd = Number(process.env.WD ?? 0);
trainCf(
  histories(train, items),
  items.length,
  { ...CF_DEFAULTS, epochs: 24, weightDecay: wd, batchUsers: Number(process.env.B ?? 16) },
  42,
  "cf",
  (e, table) => {
    if (e % 4 !== 0) return;
    const vecs = movies.map((m) => {
      const r = rowOf.get(m.movieId);
      return r === undefined ? null : table.slice(r * 64, r * 64 + 64);
    });
    const m = evaluate(users, vectorScorer(vecs));
    console.log("epoch", e, "wd", wd, m.ndcg10.toFixed(4), m.recall10.toFixed(4));
  },
);
