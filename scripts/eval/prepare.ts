// Per split and part (validation, test): trained-model vectors (cached), priors from that part's train ratings only,
// the serving recipe over them, and the eval users.
import type { WordPieceTokenizer } from "../../functions/lib/tokenizer.ts";
import type { Movie, Rating } from "../lib/movielens.ts";
import { trainModels } from "../train/pipeline.ts";
import { cachedVectors, vectorsDigest } from "./cache.ts";
import type { EvalOptions } from "./options.ts";
import { priorScores, type Recipe, recipe } from "./recipe.ts";
import type { Split } from "./splits.ts";
import { type EvalUser, evalUsers } from "./users.ts";
import { type CatalogVectors, catalogVectors } from "./vectors.ts";

export interface Part {
  train: readonly Rating[];
  users: EvalUser[];
  vectors: { int8: CatalogVectors; fp32: CatalogVectors };
  recipe: Recipe;
  cacheHit: boolean;
}

export interface Prepared {
  split: Split;
  validation: Part;
  test: Part;
}

async function part(
  movies: readonly Movie[],
  past: readonly Rating[],
  future: readonly Rating[],
  tok: WordPieceTokenizer,
  opts: EvalOptions,
  tag: string,
): Promise<Part> {
  const all = evalUsers(movies, past, future);
  const users = opts.maxUsers > 0 ? all.slice(0, opts.maxUsers) : all;
  const digest = vectorsDigest(opts.train, movies, past);
  process.stderr.write(`eval: ${tag}: ${past.length} train ratings, ${users.length} users, models ${digest}\n`);
  const { vectors, hit } = await cachedVectors(digest, opts.cache, async () =>
    catalogVectors(trainModels(movies, past, tok, opts.train, tag), movies, tok, opts.train.text.maxLength),
  );
  if (hit) process.stderr.write(`eval: ${tag}: models reused from the cache (same config digest)\n`);
  return { train: past, users, vectors, recipe: recipe(vectors.int8, priorScores(movies, past)), cacheHit: hit };
}

export async function prepare(movies: readonly Movie[], split: Split, tok: WordPieceTokenizer, opts: EvalOptions): Promise<Prepared> {
  return {
    split,
    validation: await part(movies, split.subTrain, split.validation, tok, opts, `${split.name} validation`),
    test: await part(movies, split.train, split.test, tok, opts, `${split.name} test`),
  };
}
