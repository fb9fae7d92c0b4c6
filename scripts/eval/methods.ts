// Every method on one split: baselines, each fusion source alone, and the serving recipe under every strategy.
import type { MissingPolicy, Normalization, Stacker } from "../../functions/lib/fusion/index.ts";
import { PRIOR_SOURCES } from "../../functions/lib/priors.ts";
import type { Movie, Rating } from "../lib/movielens.ts";
import { progress } from "../lib/progress.ts";
import { evaluateRanker as evaluate, type Metrics, ranked } from "./evaluate.ts";
import { type FusionSettings, fusedRanker, type Ranker, type Recipe, type Request } from "./recipe.ts";
import { itemKnn, popularity, vectorScorer } from "./scorers.ts";
import type { Tuned } from "./tune.ts";
import type { EvalUser } from "./users.ts";
import type { CatalogVectors } from "./vectors.ts";

export type Group = "baseline" | "source" | "fusion";
export interface Row {
  method: string;
  group: Group;
  m: Metrics;
  /** The tuned default (the row the "beats the best single source" question is about). */
  isDefault?: boolean;
}

export interface SplitResult {
  rows: Row[];
  coldItems: number;
  /** int8 (onnxruntime-web) vs fp32 (trainer) NDCG@10 of each encoder alone. */
  loss: { name: string; fp32: number; int8: number; relLoss: number }[];
}

export interface MethodInputs {
  movies: readonly Movie[];
  train: readonly Rating[];
  idx: ReadonlyMap<number, number>;
  users: readonly EvalUser[];
  vectors: { int8: CatalogVectors; fp32: CatalogVectors };
  recipe: Recipe;
  tuned: Tuned;
  /** The hand-set default the tuning replaced, kept as a reference row. */
  previous: Tuned;
  stacker: Stacker;
}

const NORMALIZATIONS: readonly Normalization[] = ["minmax", "zscore", "rank"];
const MISSING: readonly MissingPolicy[] = ["renormalize", "zero"];

export function runMethods(x: MethodInputs, label: string): SplitResult {
  const { movies, train, idx, users } = x;
  const inTrain = new Set(train.map((r) => idx.get(r.movieId)).filter((i): i is number => i !== undefined));
  const cold = new Set(movies.map((_, i) => i).filter((i) => !inTrain.has(i)));
  const memo = new Map<number, Request>();
  const fused = (s: FusionSettings): Ranker => fusedRanker(x.recipe, s, memo);
  const w = x.tuned.weights;
  const methods: [string, Group, Ranker, boolean?][] = [
    ["popularity (count)", "baseline", ranked(popularity(movies.length, train, idx))],
    ["ItemKNN (cosine)", "baseline", ranked(itemKnn(movies.length, train, idx))],
    ["content alone (text encoder, int8)", "source", ranked(x.recipe.sources.content)],
    ["collab alone (CF encoder, int8)", "source", ranked(x.recipe.sources.collab)],
    ...PRIOR_SOURCES.map((s): [string, Group, Ranker] => [`${s} prior alone`, "source", ranked(x.recipe.sources[s])]),
    ...NORMALIZATIONS.flatMap((normalization) =>
      MISSING.map((missing): [string, Group, Ranker, boolean] => {
        const isDefault = normalization === x.tuned.normalization && missing === x.tuned.missing;
        const name = `weighted, ${normalization}, missing ${missing}${isDefault ? " (new default)" : ""}`;
        return [name, "fusion", fused({ strategy: "weighted", weights: w, normalization, missing }), isDefault];
      }),
    ),
    ["rrf (k 60)", "fusion", fused({ strategy: "rrf", weights: w })],
    ["vote (Borda)", "fusion", fused({ strategy: "vote", weights: w })],
    ["stacked (trained on validation)", "fusion", fused({ strategy: "stacked", stacker: x.stacker })],
    ["previous hand-set default (weighted, minmax)", "fusion", fused({ strategy: "weighted", ...x.previous })],
  ];
  const bar = progress(`eval: ${label} methods`, methods.length + 2);
  const rows: Row[] = methods.map(([method, group, rank, isDefault]) => {
    const m = evaluate(users, rank, movies.length, cold);
    bar.tick(1, method);
    return { method, group, m, ...(isDefault && { isDefault }) };
  });
  const encoders: [string, CatalogVectors["text"] | CatalogVectors["cf"], Row | undefined][] = [
    ["text", x.vectors.fp32.text, rows[2]],
    ["CF", x.vectors.fp32.cf, rows[3]],
  ];
  const loss = encoders.map(([name, fp32, row]) => {
    const ref = evaluate(users, ranked(vectorScorer(fp32)), movies.length, cold).ndcg10;
    bar.tick(1, `${name} fp32`);
    const int8 = row?.m.ndcg10 ?? Number.NaN;
    return { name, fp32: ref, int8, relLoss: ref > 0 ? (ref - int8) / ref : 0 };
  });
  bar.done();
  return { rows, coldItems: cold.size, loss };
}
