// Scores every method on one split; shared by the time split (the headline) and the supplementary random holdout.
import type { Movie, Rating } from "../lib/movielens.ts";
import { coldRecall, evaluate } from "./evaluate.ts";
import { fused, type FusionParams } from "./fusion.ts";
import type { Row } from "./report.ts";
import { itemKnn, popularity, type Scorer, vectorScorer } from "./scorers.ts";
import type { EvalUser } from "./users.ts";
import type { CatalogVectors } from "./vectors.ts";

export interface SplitResult {
  rows: Row[];
  coldUsers: number;
  coldItems: number;
  /** int8 vs fp32 NDCG@10 for text, CF, fusion. */
  loss: { name: string; fp32: number; int8: number; relLoss: number }[];
}

export function runMethods(
  movies: readonly Movie[],
  train: readonly Rating[],
  idx: ReadonlyMap<number, number>,
  users: readonly EvalUser[],
  vectors: { int8: CatalogVectors; fp32: CatalogVectors },
  fusion: FusionParams,
): SplitResult {
  const inTrain = new Set(train.map((r) => idx.get(r.movieId)).filter((i): i is number => i !== undefined));
  const cold = new Set(movies.map((_, i) => i).filter((i) => !inTrain.has(i)));
  const fuse = (v: CatalogVectors): Scorer => fused(vectorScorer(v.text), vectorScorer(v.cf), fusion);
  const methods: [string, Scorer][] = [
    ["popularity", popularity(movies.length, train, idx)],
    ["ItemKNN (cosine)", itemKnn(movies.length, train, idx)],
    ["text encoder (int8)", vectorScorer(vectors.int8.text)],
    ["CF encoder (int8)", vectorScorer(vectors.int8.cf)],
    [`fusion text+CF (int8, cf weight ${fusion.cfWeight}, ${fusion.normalization})`, fuse(vectors.int8)],
  ];
  const rows: Row[] = methods.map(([method, s]) => ({ method, m: evaluate(users, s), cold: coldRecall(users, cold, s).recall10 }));
  const fp32: [string, Scorer, Row | undefined][] = [
    ["text", vectorScorer(vectors.fp32.text), rows[2]],
    ["CF", vectorScorer(vectors.fp32.cf), rows[3]],
    ["fusion", fuse(vectors.fp32), rows[4]],
  ];
  const loss = fp32.map(([name, s, row]) => {
    const ref = evaluate(users, s).ndcg10;
    const int8 = row?.m.ndcg10 ?? Number.NaN;
    return { name, fp32: ref, int8, relLoss: ref > 0 ? (ref - int8) / ref : 0 };
  });
  const coldUsers = coldRecall(users, cold, methods[0]?.[1] as Scorer).users;
  return { rows, coldUsers, coldItems: cold.size, loss };
}
