// `npm run eval` (`tsx scripts/eval/index.ts [--quick] [--no-cache] [--out DIR]`): few-shot evaluation of both encoders,
// their fusion under every strategy (the serving recipe) and the popularity / ItemKNN baselines, on two splits.
// Models here are trained on each split's train part only and never written to models/.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { DEFAULT_PROFILE_CONFIG } from "../../functions/fusion/profile-rules.ts";
import { WordPieceTokenizer } from "../../functions/lib/tokenizer.ts";
import { loadMovies, loadRatings, ratingsSha256 } from "../lib/movielens.ts";
import { configDigest } from "../train/config.ts";
import { type DocumentInputs, renderDocument, type SplitReport } from "./document.ts";
import { writeManifestMetrics } from "./manifests.ts";
import { runMethods } from "./methods.ts";
import { parseOptions } from "./options.ts";
import { prepare } from "./prepare.ts";
import { makeSplits, restrictCatalog } from "./splits.ts";
import { fitStacker } from "./stack.ts";
import { ndcgChart } from "./svg.ts";
import { onQueryScale, type Tuned, tune } from "./tune.ts";
import { catalogIndex } from "./users.ts";

/** Where the search starts (the hand-set default it replaced), fixed here so the search does not drift with its own output. */
const HAND_SET: Tuned = {
  weights: { content: 0.5, collab: 1, popularity: 0.2, trending: 0.1, rating: 0.1 },
  normalization: "minmax",
  missing: "renormalize",
};
/** Tune where there are enough users for the decision to mean something (~600 vs ~20 on the time split). */
const TUNE_SPLIT = "random";

const started = Date.now();
const opts = parseOptions(process.argv.slice(2));
const command = `npm run eval --${opts.quick ? " --quick" : ""}`.replace(/ --$/, "");
const data = restrictCatalog(loadMovies(), loadRatings(), opts.catalogLimit);
const { movies, ratings } = data;
const idx = catalogIndex(movies);
// Learned from catalog text only (no ratings), so reusing the shipped tokenizer leaks nothing from any test part.
const tok = new WordPieceTokenizer(JSON.parse(readFileSync("models/movielens-text/tokenizer.json", "utf8")));
const seed = opts.train.seed;

const prepared = [];
for (const split of makeSplits(ratings, seed)) prepared.push(await prepare(movies, split, tok, opts));
const tuneOn = prepared.find((p) => p.split.name === TUNE_SPLIT);
if (!tuneOn) throw new Error(`no ${TUNE_SPLIT} split`);
const tuned = tune(tuneOn.validation.users, tuneOn.validation.recipe, HAND_SET, opts.tunePasses);
const chosen: Tuned = { ...tuned.best, weights: onQueryScale(tuned.best.weights) };
process.stderr.write(
  `eval: tuned on ${tuned.users} ${TUNE_SPLIT} validation users: ${JSON.stringify(chosen)} (NDCG@10 ${tuned.ndcg10.toFixed(4)})\n`,
);

const reports: SplitReport[] = prepared.map((p) => {
  const st = fitStacker(p.validation.users, p.validation.recipe, seed);
  const result = runMethods(
    {
      movies,
      train: p.split.train,
      idx,
      users: p.test.users,
      vectors: p.test.vectors,
      recipe: p.test.recipe,
      tuned: chosen,
      previous: HAND_SET,
      stacker: st.stacker,
    },
    p.split.name,
  );
  return { prepared: p, result, stacker: { examples: st.examples, positives: st.positives, version: st.stacker.version } };
});

const seconds = ((Date.now() - started) / 1000).toFixed(0);
const hits = prepared.flatMap((p) => [p.validation.cacheHit, p.test.cacheHit]).filter(Boolean).length;
const digest = configDigest(opts.train, ratingsSha256());
const machine = `${cpus().length} x ${cpus()[0]?.model.trim() ?? "unknown CPU"}, Node ${process.version}`;
const header = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}: ${seconds}s (${hits} of ${prepared.length * 2} model sets reused from .tmp/eval-cache/).`,
  `Seed ${seed}, train config ${digest}${opts.quick ? "; **--quick**: tiny configuration (600 most-rated movies, 40 users per part, 1 epoch per model, 1 tuning pass), numbers only prove the pipeline runs" : ""}.`,
].join(" ");
const inputs: DocumentInputs = {
  command,
  header,
  tuneSplit: TUNE_SPLIT,
  tunePasses: opts.tunePasses,
  tune: tuned,
  chosen,
  queryWeight: DEFAULT_PROFILE_CONFIG.weights.query ?? 1,
  splits: reports,
  chart: "eval.svg",
};
const md = renderDocument(inputs);
process.stdout.write(md);
mkdirSync(opts.outDir, { recursive: true });
writeFileSync(join(opts.outDir, "eval.md"), md);
writeFileSync(
  join(opts.outDir, "eval.svg"),
  ndcgChart(
    reports.map((r) => ({ split: `${r.prepared.split.name} (${r.prepared.test.users.length} users)`, rows: r.result.rows })),
    `NDCG@10 per method (${new Date().toISOString().slice(0, 10)}${opts.quick ? ", --quick" : ""})`,
  ),
);
// Query and title weigh zero-shot search sources, which few-shot data cannot tune; only the rest is compared.
const current = { ...DEFAULT_PROFILE_CONFIG.weights };
delete current.query;
delete current.title;
const inCode = {
  weights: current,
  normalization: DEFAULT_PROFILE_CONFIG.normalization ?? "minmax",
  missing: DEFAULT_PROFILE_CONFIG.missing ?? "renormalize",
};
if (JSON.stringify(inCode) !== JSON.stringify(chosen)) {
  process.stderr.write(
    `eval: DEFAULT_PROFILE_CONFIG in functions/fusion/profile-rules.ts differs from the tuned defaults: ${JSON.stringify(inCode)}\n`,
  );
}
const [time, random] = reports;
if (!opts.quick && time && random) writeManifestMetrics(digest, command, time.result, random.result, chosen);
process.stderr.write(`eval: wrote ${opts.outDir}/eval.md and eval.svg in ${seconds}s\n`);
