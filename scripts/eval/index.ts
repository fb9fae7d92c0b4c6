// `npm run eval`: time-split evaluation of both encoders and their fusion against popularity and ItemKNN.
// Models here are trained on the train split only and never written to models/.
import { readFileSync, writeFileSync } from "node:fs";
import { WordPieceTokenizer } from "../../functions/lib/tokenizer.ts";
import { splitByTime } from "../lib/dataset.ts";
import { loadMovies, loadRatings, ratingsSha256 } from "../lib/movielens.ts";
import { CONFIG, configDigest } from "../train/config.ts";
import { trainModels } from "../train/pipeline.ts";
import { coldRecall, evaluate, type Metrics } from "./evaluate.ts";
import { fused, type FusionParams } from "./fusion.ts";
import { table, type Row } from "./report.ts";
import { itemKnn, popularity, type Scorer, vectorScorer } from "./scorers.ts";
import { catalogIndex, evalUsers } from "./users.ts";
import { catalogVectors } from "./vectors.ts";

const COMMAND = "npx tsx scripts/eval/index.ts";
const TEST_FRACTION = 0.1;
const started = Date.now();
const movies = loadMovies();
const ratings = loadRatings();
const idx = catalogIndex(movies);
// Learned from catalog text only (no ratings), so reusing the shipped tokenizer leaks nothing from the test period.
const tok = new WordPieceTokenizer(JSON.parse(readFileSync("models/movielens-text/tokenizer.json", "utf8")));
const { before: train, after: test, cutoff } = splitByTime(ratings, TEST_FRACTION);
const { before: subTrain, after: validation, cutoff: valCutoff } = splitByTime(train, TEST_FRACTION);
const iso = (t: number): string => new Date(t * 1000).toISOString().slice(0, 10);
process.stderr.write(`eval: train ${train.length} (< ${iso(cutoff)}), test ${test.length}; validation inside train from ${iso(valCutoff)}\n`);

// 1. Tune the fusion on validation carved out of train by time (models trained on the earlier part only).
const valUsers = evalUsers(movies, subTrain, validation);
const valVectors = (await catalogVectors(trainModels(movies, subTrain, tok, CONFIG, "val"), movies, tok, CONFIG.text.maxLength)).int8;
const grid: FusionParams[] = [];
for (const normalization of ["minmax", "zscore"] as const) for (let w = 0; w <= 10; w++) grid.push({ cfWeight: w / 10, normalization });
const scored = grid.map((p) => ({ p, ndcg: evaluate(valUsers, fused(vectorScorer(valVectors.text), vectorScorer(valVectors.cf), p)).ndcg10 }));
const best = scored.reduce((a, b) => (b.ndcg > a.ndcg ? b : a));
process.stderr.write(`eval: fusion tuned on ${valUsers.length} validation users: cf weight ${best.p.cfWeight}, ${best.p.normalization}, NDCG@10 ${best.ndcg.toFixed(4)}\n`);

// 2. Train on all of train, evaluate on test.
const users = evalUsers(movies, train, test);
const trained = trainModels(movies, train, tok, CONFIG, "test");
const vectors = await catalogVectors(trained, movies, tok, CONFIG.text.maxLength);
const inTrain = new Set(train.map((r) => idx.get(r.movieId)).filter((i): i is number => i !== undefined));
const cold = new Set(movies.map((_, i) => i).filter((i) => !inTrain.has(i)));
const methods: [string, Scorer][] = [
  ["popularity", popularity(movies.length, train, idx)],
  ["ItemKNN (cosine)", itemKnn(movies.length, train, idx)],
  ["text encoder (int8)", vectorScorer(vectors.int8.text)],
  ["CF encoder (int8)", vectorScorer(vectors.int8.cf)],
  [`fusion text+CF (int8, cf weight ${best.p.cfWeight}, ${best.p.normalization})`, fused(vectorScorer(vectors.int8.text), vectorScorer(vectors.int8.cf), best.p)],
];
const rows: Row[] = methods.map(([method, s]) => ({ method, m: evaluate(users, s), cold: coldRecall(users, cold, s).recall10 }));
const fp32: [string, Scorer, Metrics][] = [
  ["text", vectorScorer(vectors.fp32.text), (rows[2] as Row).m],
  ["CF", vectorScorer(vectors.fp32.cf), (rows[3] as Row).m],
  ["fusion", fused(vectorScorer(vectors.fp32.text), vectorScorer(vectors.fp32.cf), best.p), (rows[4] as Row).m],
];
const loss = fp32.map(([name, s, int8]) => {
  const ref = evaluate(users, s).ndcg10;
  return { name, fp32: ref, int8: int8.ndcg10, relLoss: (ref - int8.ndcg10) / ref };
});
const coldUsers = coldRecall(users, cold, methods[0]?.[1] as Scorer).users;
const seconds = ((Date.now() - started) / 1000).toFixed(0);

const md = [
  "# Offline evaluation: MovieLens time split",
  "",
  `Reproduce: \`${COMMAND}\` (seed ${CONFIG.seed}, config ${configDigest(CONFIG, ratingsSha256())}, ${seconds}s on 2 cores).`,
  "",
  `Split: the last ${TEST_FRACTION * 100}% of the ratings' time span is test (from ${iso(cutoff)}: ${test.length} ratings), the rest train (${train.length}).`,
  `Positives: rating >= 4. ${users.length} test users with train history and test positives; every catalog item (${movies.length}) not in the user's train history is ranked.`,
  `Cold Recall@10: ${coldUsers} users with test positives on the ${cold.size} items that have no train rating. Models are trained on train only.`,
  `Fusion (weighted mean of normalised scores, missing score = renormalised over the sources that have one) was tuned on a validation split carved out of train by time (from ${iso(valCutoff)}, ${valUsers.length} users): best NDCG@10 ${best.ndcg.toFixed(4)}.`,
  "",
  table(rows),
  "",
  "int8 (onnxruntime-web) vs fp32 (trainer) NDCG@10:",
  "",
  "| model | fp32 | int8 | relative loss |\n|---|---|---|---|",
  ...loss.map((l) => `| ${l.name} | ${l.fp32.toFixed(4)} | ${l.int8.toFixed(4)} | ${(l.relLoss * 100).toFixed(2)}% |`),
  "",
].join("\n");
process.stdout.write(md);
writeFileSync("reports/eval.md", md);

// Offline metrics travel with the shipped models; `train` keeps them while the config digest is unchanged.
const digest = configDigest(CONFIG, ratingsSha256());
const summary = (m: Metrics) => ({ recall10: m.recall10, ndcg10: m.ndcg10, recall20: m.recall20, ndcg20: m.ndcg20, mrr: m.mrr });
for (const [dir, row, l] of [["models/movielens-text", rows[2], loss[0]], ["models/movielens-cf", rows[3], loss[1]]] as const) {
  const path = `${dir}/manifest.json`;
  const manifest = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  manifest.metrics = {
    configDigest: digest,
    source: `reports/eval.md (${COMMAND})`,
    split: `time split, test = last ${TEST_FRACTION * 100}% of the time span`,
    users: row?.m.users,
    ...(row && summary(row.m)),
    coldRecall10: row?.cold,
    int8RelativeNdcgLoss: l?.relLoss,
    fusion: { ...best.p, ...(rows[4] && summary(rows[4].m)) },
  };
  writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
}
