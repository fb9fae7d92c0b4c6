// The two splits of the eval, each with a validation part carved out of its own train part (tuning never sees test).
import { splitByTime, splitRandom } from "../lib/dataset.ts";
import type { Movie, Rating } from "../lib/movielens.ts";
import { mulberry32 } from "../lib/prng.ts";

export const TEST_FRACTION = 0.1;
export const RANDOM_COLD_ITEMS = 0.1;
export const RANDOM_HOLDOUT = 0.2;
/** The random split's validation is drawn with its own seed, so it is not a replay of the test draw. */
const VALIDATION_SEED_OFFSET = 1;

export interface Split {
  /** "time" | "random": also the cache tag of the models trained on it. */
  name: "time" | "random";
  title: string;
  train: Rating[];
  test: Rating[];
  /** Train minus validation: the models, priors and candidates used for tuning and for the stacker. */
  subTrain: Rating[];
  validation: Rating[];
  describe: string;
}

const iso = (t: number): string => new Date(t * 1000).toISOString().slice(0, 10);

export function makeSplits(ratings: readonly Rating[], seed: number): Split[] {
  const time = splitByTime(ratings, TEST_FRACTION);
  const timeVal = splitByTime(time.before, TEST_FRACTION);
  const random = splitRandom(ratings, RANDOM_COLD_ITEMS, RANDOM_HOLDOUT, mulberry32(seed));
  const randomVal = splitRandom(random.before, RANDOM_COLD_ITEMS, RANDOM_HOLDOUT, mulberry32(seed + VALIDATION_SEED_OFFSET));
  return [
    {
      name: "time",
      title: "Primary: global time split",
      train: time.before,
      test: time.after,
      subTrain: timeVal.before,
      validation: timeVal.after,
      describe:
        `Test = the last ${TEST_FRACTION * 100}% of the ratings' time span (from ${iso(time.cutoff)}: ${time.after.length} ratings), train = the rest (${time.before.length}). ` +
        `Validation = the last ${TEST_FRACTION * 100}% of train's time span (from ${iso(timeVal.cutoff)}).`,
    },
    {
      name: "random",
      title: "Supplementary: random holdout (more users, true cold items)",
      train: random.before,
      test: random.after,
      subTrain: randomVal.before,
      validation: randomVal.after,
      describe:
        `${RANDOM_COLD_ITEMS * 100}% of the rated movies lose all their ratings to test, and ${RANDOM_HOLDOUT * 100}% of every user's other ratings go to test at random (seed ${seed}): ` +
        `${random.after.length} test ratings, ${random.before.length} train. Validation = the same draw again inside train (seed ${seed + VALIDATION_SEED_OFFSET}). Not a forecast of the future.`,
    },
  ];
}

/** --quick: the most-rated movies only (ties by id), so both models train in seconds. */
export function restrictCatalog(movies: Movie[], ratings: Rating[], limit: number): { movies: Movie[]; ratings: Rating[] } {
  if (limit <= 0) return { movies, ratings };
  const count = new Map<number, number>();
  for (const r of ratings) count.set(r.movieId, (count.get(r.movieId) ?? 0) + 1);
  const keep = new Set(
    [...count.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, limit)
      .map(([id]) => id),
  );
  return { movies: movies.filter((m) => keep.has(m.movieId)), ratings: ratings.filter((r) => keep.has(r.movieId)) };
}
