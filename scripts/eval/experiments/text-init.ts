// One-off measurement behind TextHyper.initScale: text encoder NDCG@10 and cold Recall@10 on the random holdout (CF at 8 epochs).
// Run: INIT=0.1 npx tsx scripts/eval/experiments/text-init.ts; INIT=0.01 npx tsx scripts/eval/experiments/text-init.ts
import { readFileSync } from "node:fs";
import { WordPieceTokenizer } from "../../../functions/lib/tokenizer.ts";
import { coldRecall, evaluate } from "../../eval/evaluate.ts";
import { vectorScorer } from "../../eval/scorers.ts";
import { catalogIndex, evalUsers } from "../../eval/users.ts";
import { catalogVectors } from "../../eval/vectors.ts";
import { splitRandom } from "../../lib/dataset.ts";
import { loadMovies, loadRatings } from "../../lib/movielens.ts";
import { mulberry32 } from "../../lib/prng.ts";
import { CONFIG } from "../../train/config.ts";
import { trainModels } from "../../train/pipeline.ts";

const movies = loadMovies();
const ratings = loadRatings();
const idx = catalogIndex(movies);
const tok = new WordPieceTokenizer(JSON.parse(readFileSync("models/movielens-text/tokenizer.json", "utf8")));
const random = splitRandom(ratings, 0.1, 0.2, mulberry32(CONFIG.seed));
const users = evalUsers(movies, random.before, random.after);
const inTrain = new Set(random.before.map((r) => idx.get(r.movieId)!));
const cold = new Set(movies.map((_, i) => i).filter((i) => !inTrain.has(i)));
const v = await catalogVectors(
  trainModels(
    movies,
    random.before,
    tok,
    { ...CONFIG, cf: { ...CONFIG.cf, epochs: 8 }, text: { ...CONFIG.text, initScale: Number(process.env.INIT ?? CONFIG.text.initScale) } },
    "x",
  ),
  movies,
  tok,
  64,
);
const s = vectorScorer(v.int8.text);
console.log(process.env.INIT, evaluate(users, s).ndcg10.toFixed(4), coldRecall(users, cold, s).recall10.toFixed(4));
