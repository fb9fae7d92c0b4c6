// Loads data/movielens (the project's copy) for the Node scripts; parsing and the movie text live in functions/lib/catalog.ts,
// which the workers use too, so training, evaluation and serving read the data the same way.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Movie, parseMovies, parseRatings, type Rating } from "../../functions/lib/catalog.ts";

export { type Movie, movieText, naturalTitle, type Rating, splitCsvLine } from "../../functions/lib/catalog.ts";

export const DATA_DIR = "data/movielens";

const read = (file: string) => readFileSync(join(DATA_DIR, file), "utf8");

export function loadMovies(): Movie[] {
  return parseMovies(read("movies.csv"));
}

export function loadRatings(): Rating[] {
  return parseRatings(read("ratings.csv"));
}

export function ratingsSha256(): string {
  return createHash("sha256")
    .update(readFileSync(join(DATA_DIR, "ratings.csv")))
    .digest("hex");
}
