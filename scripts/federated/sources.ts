// Per-source scores for the simulation: int8 encoders run in onnxruntime-web (Node), plus train-split popularity.
// "train-split" retrains the encoders on the train period (as scripts/eval does); "shipped" uses models/, which saw the test period.
import { readFileSync } from "node:fs";
import { WordPieceTokenizer } from "../../functions/lib/tokenizer.ts";
import { popularity, type Scorer, vectorScorer } from "../eval/scorers.ts";
import { catalogVectors } from "../eval/vectors.ts";
import { embedItems } from "../export/cf.ts";
import { embedTexts } from "../export/text.ts";
import { type Movie, movieText, type Rating, ratingsSha256 } from "../lib/movielens.ts";
import { loadSession } from "../lib/ort-node.ts";
import { CONFIG, configDigest } from "../train/config.ts";
import { trainModels } from "../train/pipeline.ts";
import { readVectors, writeVectors } from "./cache.ts";

export const SIM_SOURCES = ["collab", "content", "popularity"] as const;
export type SimSource = (typeof SIM_SOURCES)[number];

const json = (path: string): unknown => JSON.parse(readFileSync(path, "utf8"));

export type ModelChoice = "train-split" | "shipped";

/** Whole-catalog scorers (catalog index order; -Infinity = cannot score), one per source the simulation fuses. */
export async function sourceScorers(
  movies: readonly Movie[],
  train: readonly Rating[],
  idx: ReadonlyMap<number, number>,
  models: ModelChoice,
): Promise<Record<SimSource, Scorer>> {
  const pop = popularity(movies.length, train, idx);
  if (models === "train-split") {
    // The shipped tokenizer learned from catalog text only (no ratings), so reusing it leaks nothing; eval does the same.
    const tok = new WordPieceTokenizer(json("models/movielens-text/tokenizer.json"));
    const cache = `.tmp/federated/train-split-${configDigest(CONFIG, ratingsSha256())}-${train.length}.f32`;
    let v = readVectors(cache, movies.length);
    if (!v) {
      process.stderr.write(`federated: training the encoders on the train split (cached in ${cache} for the next run)\n`);
      v = (await catalogVectors(trainModels(movies, train, tok, CONFIG, "sim"), movies, tok, CONFIG.text.maxLength)).int8;
      writeVectors(cache, v);
    }
    return { collab: vectorScorer(v.cf), content: vectorScorer(v.text), popularity: pop };
  }
  const textManifest = json("models/movielens-text/manifest.json") as { maxLength: number };
  const tok = new WordPieceTokenizer(json("models/movielens-text/tokenizer.json"));
  const textSession = await loadSession(readFileSync("models/movielens-text/model.onnx"));
  const text = await embedTexts(textSession, tok, movies.map(movieText), textManifest.maxLength);
  const items = json("models/movielens-cf/items.json") as number[];
  const cfRows = await embedItems(
    await loadSession(readFileSync("models/movielens-cf/model.onnx")),
    items.map((_, row) => row),
  );
  const cf: (Float32Array | null)[] = movies.map(() => null);
  items.forEach((movieId, row) => {
    const i = idx.get(movieId);
    if (i !== undefined) cf[i] = cfRows[row] ?? null;
  });
  return { collab: vectorScorer(cf), content: vectorScorer(text), popularity: pop };
}
