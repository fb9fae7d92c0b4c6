// `npm run train`: learns the tokenizer, trains both encoders on ALL ratings and exports them to models/ (verified in ORT-web).
import { WordPieceTokenizer } from "../../functions/lib/tokenizer.ts";
import { exportCf } from "../export/cf.ts";
import { exportText } from "../export/text.ts";
import { loadMovies, loadRatings, movieText, ratingsSha256 } from "../lib/movielens.ts";
import { tokenizerJson, trainWordPiece } from "../lib/wordpiece-train.ts";
import { CONFIG, configDigest } from "./config.ts";
import { trainModels } from "./pipeline.ts";
import { vocabularyCorpus } from "./queries.ts";

const started = Date.now();
const movies = loadMovies();
const ratings = loadRatings();
const ratingsSha = ratingsSha256();
const digest = configDigest(CONFIG, ratingsSha);
process.stderr.write(`train: ${movies.length} movies, ${ratings.length} ratings, config ${digest}\n`);

// The vocab sees catalog text plus the everyday genre words synthetic queries use, never ratings.
const tokenizer = tokenizerJson(trainWordPiece([...movies.map(movieText), ...vocabularyCorpus()], CONFIG.vocabSize));
const tok = new WordPieceTokenizer(tokenizer);
const trained = trainModels(movies, ratings, tok, CONFIG, "all");

const training = {
  data: `data/movielens (ratings.csv sha256 ${ratingsSha})`,
  split: "all ratings (offline metrics come from a time split, see reports/eval.md)",
  seed: CONFIG.seed,
  configDigest: digest,
  command: "npx tsx scripts/train/index.ts",
};
await exportCf({
  dir: "models/movielens-cf",
  table: trained.cfTable,
  dims: CONFIG.cf.dims,
  items: trained.items,
  training: {
    ...training,
    objective: "full-softmax denoising over weighted-mean user vectors (cosine / temperature)",
    epochs: CONFIG.cf.epochs,
    hyperparameters: CONFIG.cf,
  },
  configDigest: digest,
});
await exportText({
  dir: "models/movielens-text",
  params: trained.text,
  tokenizer,
  maxLength: CONFIG.text.maxLength,
  catalog: movies.map(movieText),
  training: {
    ...training,
    objective: "InfoNCE (in-batch negatives) from pooled text of catalog lines and synthetic genre/year queries to the movie's CF vector",
    epochs: CONFIG.text.epochs,
    hyperparameters: { ...CONFIG.text, vocabSize: tok.vocab.size },
  },
  configDigest: digest,
});
process.stderr.write(`train: done in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
