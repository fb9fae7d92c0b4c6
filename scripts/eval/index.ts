// `npm run eval`: time-split evaluation of both encoders and their fusion against popularity and ItemKNN.
// Models here are trained on the train split only and never written to models/.
import { readFileSync, writeFileSync } from "node:fs";
import { WordPieceTokenizer } from "../../functions/lib/tokenizer.ts";
import { splitByTime, splitRandom } from "../lib/dataset.ts";
import { mulberry32 } from "../lib/prng.ts";
import { loadMovies, loadRatings, ratingsSha256 } from "../lib/movielens.ts";
import { CONFIG, configDigest } from "../train/config.ts";
import { trainModels } from "../train/pipeline.ts";
import { evaluate, type Metrics } from "./evaluate.ts";
import { fused, type FusionParams } from "./fusion.ts";
import { runMethods } from "./methods.ts";
import { lossTable, table } from "./report.ts";
import { vectorScorer } from "./scorers.ts";
import { catalogIndex, evalUsers } from "./users.ts";
import { catalogVectors } from "./vectors.ts";

const COMMAND = "npx tsx scripts/eval/index.ts";
const TEST_FRACTION = 0.1;
const RANDOM_COLD_ITEMS = 0.1;
const RANDOM_HOLDOUT = 0.2;
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
const headline = runMethods(movies, train, idx, users, vectors, best.p);

// 3. Supplementary random holdout (more users, true cold items); same recipe and fusion parameters, trained on its own train part.
const random = splitRandom(ratings, RANDOM_COLD_ITEMS, RANDOM_HOLDOUT, mulberry32(CONFIG.seed));
const randomUsers = evalUsers(movies, random.before, random.after);
const randomVectors = await catalogVectors(trainModels(movies, random.before, tok, CONFIG, "random"), movies, tok, CONFIG.text.maxLength);
const supplementary = runMethods(movies, random.before, idx, randomUsers, randomVectors, best.p);
const seconds = ((Date.now() - started) / 1000).toFixed(0);

const md = [
  "# Offline evaluation: MovieLens time split",
  "",
  `Reproduce: \`${COMMAND}\` (seed ${CONFIG.seed}, config ${configDigest(CONFIG, ratingsSha256())}, ${seconds}s on 2 cores).`,
  "",
  `Split: the last ${TEST_FRACTION * 100}% of the ratings' time span is test (from ${iso(cutoff)}: ${test.length} ratings), the rest train (${train.length}).`,
  `Positives: rating >= 4. ${users.length} test users with train history and test positives; every catalog item (${movies.length}) not in the user's train history is ranked.`,
  `Cold Recall@10: ${headline.coldUsers} users with test positives on the ${headline.coldItems} items that have no train rating. Models are trained on train only.`,
  `Fusion (weighted mean of normalised scores, missing score = renormalised over the sources that have one) was tuned on a validation split carved out of train by time (from ${iso(valCutoff)}, ${valUsers.length} users): best NDCG@10 ${best.ndcg.toFixed(4)}.`,
  "",
  table(headline.rows),
  "",
  "int8 (onnxruntime-web) vs fp32 (trainer) NDCG@10:",
  "",
  lossTable(headline.loss),
  "",
  `With ${users.length} test users the standard errors are large: differences smaller than about two s.e. are not evidence either way.`,
  "",
  "## Supplementary: random holdout (more users, true cold items)",
  "",
  `${RANDOM_COLD_ITEMS * 100}% of the rated movies lose all their ratings to test (${supplementary.coldItems} items unseen in train), and ${RANDOM_HOLDOUT * 100}% of every user's other ratings go to test at random (seed ${CONFIG.seed}).`,
  `${randomUsers.length} users; cold Recall@10 over ${supplementary.coldUsers} users with positives on cold items. Same recipe and fusion parameters as above; not a forecast of the future.`,
  "",
  table(supplementary.rows),
  "",
  lossTable(supplementary.loss),
  "",
].join("\n");
process.stdout.write(md);
writeFileSync("reports/eval.md", md);

// Offline metrics travel with the shipped models; `train` keeps them while the config digest is unchanged.
const digest = configDigest(CONFIG, ratingsSha256());
const summary = (m: Metrics) => ({ recall10: m.recall10, ndcg10: m.ndcg10, recall20: m.recall20, ndcg20: m.ndcg20, mrr: m.mrr });
const rows = headline.rows;
const targets = [
  ["models/movielens-text", rows[2], headline.loss[0], supplementary.rows[2]],
  ["models/movielens-cf", rows[3], headline.loss[1], supplementary.rows[3]],
] as const;
for (const [dir, row, l, extra] of targets) {
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
    supplementaryRandomHoldout: { users: randomUsers.length, ...(extra && summary(extra.m)), coldRecall10: extra?.cold },
  };
  writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
}
