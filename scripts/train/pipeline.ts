// Train steps shared by `train` (all ratings) and `eval` (train split only).
import type { WordPieceTokenizer } from "../../functions/lib/tokenizer.ts";
import { histories, itemIndex } from "../lib/dataset.ts";
import type { Movie, Rating } from "../lib/movielens.ts";
import { movieText } from "../lib/movielens.ts";
import type { TextParams } from "../lib/text-model.ts";
import { normalizedRows, trainCf } from "./cf.ts";
import type { TrainConfig } from "./config.ts";
import { trainText } from "./text.ts";

export interface Trained {
  items: number[];
  cfTable: Float32Array;
  text: TextParams;
}

/** Token ids exactly as the runtime feeds them (specials included, truncated), unpadded. */
export function encoder(tok: WordPieceTokenizer, maxLength: number): (text: string) => number[] {
  return (text) => Array.from(tok.encode([text], maxLength).inputIds, Number);
}

export function trainModels(
  movies: readonly Movie[],
  ratings: readonly Rating[],
  tok: WordPieceTokenizer,
  config: TrainConfig,
  tag: string,
): Trained {
  const items = itemIndex(ratings);
  const cfTable = trainCf(histories(ratings, items), items.length, config.cf, config.seed, `${tag} cf`);
  const row = new Map(items.map((m, i) => [m, i]));
  const encode = encoder(tok, config.text.maxLength);
  const text = trainText(
    {
      movies,
      targetRow: movies.map((m) => row.get(m.movieId) ?? -1),
      targets: normalizedRows(cfTable, items.length, config.cf.dims).n,
      dims: config.cf.dims,
      vocabSize: tok.vocab.size,
      encode,
      movieIds: movies.map((m) => encode(movieText(m))),
    },
    config.text,
    config.seed + 1,
    `${tag} text`,
  );
  return { items, cfTable, text };
}
