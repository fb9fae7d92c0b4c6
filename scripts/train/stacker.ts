// `npx tsx scripts/train/stacker.ts`: trains the "stacked" fusion combiners from the training split only and writes
// models/stacker/stacker.json, which the fusion worker bundles as its default (KV `stacker:active` can replace it).
//
// Training split: the ratings before the eval's test cutoff (last 10% of the time span); per user, the earlier 80% of their
// ratings are the history (and feed the priors), their latest 20% (rating >= 4, unseen) the labels. Per-source scores come from the
// SHIPPED encoders through onnxruntime-web, candidates and normalisation exactly as the edge and the fusion worker build them.
// Caveat: the shipped encoders were trained on all ratings, so their scores have seen these labels; the stacker's
// coefficients (how much to trust each source) are what is learned here, and they are judged on held-out users.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { type StackerExample, stackerFeatures, stackerLogLoss, trainStacker } from "../../functions/lib/fusion/stacked.ts";
import type { Stacker } from "../../functions/lib/fusion/types.ts";
import { historyWeight, weightedMeanPool } from "../../functions/lib/pooling.ts";
import { computePriors, PRIOR_SOURCES } from "../../functions/lib/priors.ts";
import { WordPieceTokenizer } from "../../functions/lib/tokenizer.ts";
import type { EvalUser } from "../eval/users.ts";
import { embedItems } from "../export/cf.ts";
import { embedTexts } from "../export/text.ts";
import { POSITIVE_RATING, splitByTime } from "../lib/dataset.ts";
import { loadMovies, loadRatings, movieText, type Rating, ratingsSha256 } from "../lib/movielens.ts";
import { loadSession } from "../lib/ort-node.ts";
import { mulberry32, shuffle } from "../lib/prng.ts";
import { progress } from "../lib/progress.ts";
import { syntheticQuery } from "./queries.ts";

const COMMAND = "npx tsx scripts/train/stacker.ts";
const OUT = "models/stacker/stacker.json";
const TEST_FRACTION = 0.1; // same as scripts/eval: the test period is never read here
const LABEL_FRACTION = 0.2;
const MIN_HISTORY = 5;
const CANDIDATES_PER_SOURCE = 200; // functions/edge/recommend/sources.ts
const HELD_OUT_USERS = 0.2;
const SEED = 20260420;
const TRAIN = { epochs: 6, lr: 0.05, l2: 1e-4, seed: SEED };

const started = Date.now();
const movies = loadMovies();
const { before: train } = splitByTime(loadRatings(), TEST_FRACTION);
// Per user, the latest LABEL_FRACTION of their own train ratings are labels (a global time split leaves too few users).
const idx = new Map(movies.map((m, i) => [m.movieId, i]));
const byUser = new Map<number, Rating[]>();
for (const r of train) byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), r]);
const past: Rating[] = [];
const users: EvalUser[] = [];
for (const [userId, rs] of [...byUser.entries()].sort((a, b) => a[0] - b[0])) {
  rs.sort((a, b) => a.timestamp - b.timestamp || a.movieId - b.movieId);
  const cut = rs.length - Math.max(1, Math.round(rs.length * LABEL_FRACTION));
  const hist = rs.slice(0, cut).filter((r) => idx.has(r.movieId));
  past.push(...rs.slice(0, cut));
  const u: EvalUser = {
    userId,
    history: hist.map((r) => ({ item: idx.get(r.movieId) as number, weight: historyWeight({ rating: r.rating }) })),
    seen: new Set(hist.map((r) => idx.get(r.movieId) as number)),
    positives: new Set(),
  };
  for (const r of rs.slice(cut)) {
    const i = idx.get(r.movieId);
    if (i !== undefined && r.rating >= POSITIVE_RATING && !u.seen.has(i)) u.positives.add(i);
  }
  if (hist.length >= MIN_HISTORY && u.positives.size > 0) users.push(u);
}
process.stderr.write(`stacker: ${train.length} train ratings, ${users.length} users with history and labels\n`);

type Manifest = { version: string; maxLength?: number; files: { name: string; sha256: string }[] };
const manifest = (id: string) => JSON.parse(readFileSync(`models/${id}/manifest.json`, "utf8")) as Manifest;
// Versions alone do not pin the weights (a retrain may keep the version), so the model file's digest is recorded too.
const pin = (m: Manifest) => ({ version: m.version, modelSha256: m.files.find((f) => f.name === "model.onnx")?.sha256 ?? "unknown" });
const textManifest = manifest("movielens-text");
const cfManifest = manifest("movielens-cf");
const tok = new WordPieceTokenizer(JSON.parse(readFileSync("models/movielens-text/tokenizer.json", "utf8")));
const maxLength = textManifest.maxLength ?? 64;
const textSession = await loadSession(readFileSync("models/movielens-text/model.onnx"));
const textVectors = await embedTexts(textSession, tok, movies.map(movieText), maxLength);
const cfIds = JSON.parse(readFileSync("models/movielens-cf/items.json", "utf8")) as number[];
const cfRows = await embedItems(
  await loadSession(readFileSync("models/movielens-cf/model.onnx")),
  cfIds.map((_, i) => i),
);
const cfByMovie = new Map(cfIds.map((id, i) => [id, cfRows[i] as Float32Array]));
const cfVectors = movies.map((m) => cfByMovie.get(m.movieId) ?? null);
process.stderr.write(`stacker: embedded ${movies.length} items (text) and ${cfIds.length} (cf)\n`);

// Priors as the fusion worker computes them, from the history period only.
const priors = computePriors(past);
const priorRow = new Map(priors.ids.map((id, i) => [id, i]));

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, d) => s + x * (b[d] as number), 0);
function scoresOf(q: Float32Array, vectors: readonly (Float32Array | null)[]): (number | null)[] {
  return vectors.map((v) => (v === null ? null : dot(q, v)));
}
function pooled(vectors: readonly (Float32Array | null)[], history: readonly { item: number; weight: number }[]) {
  const known = history.filter((h) => vectors[h.item] != null);
  if (known.length === 0) return undefined;
  const v = weightedMeanPool(
    known.map((h) => vectors[h.item] as Float32Array),
    known.map((h) => h.weight),
  );
  return v.every((x) => x === 0) ? undefined : v;
}
function topCandidates(col: readonly (number | null)[], seen: Set<number>, into: Set<number>): void {
  const order = col.map((_, i) => i).filter((i) => col[i] !== null && !seen.has(i));
  order.sort((a, b) => (col[b] as number) - (col[a] as number));
  for (const i of order.slice(0, CANDIDATES_PER_SOURCE)) into.add(i);
}

// One query per user, made from one of the user's label items, as a user searching for it would type it.
const rng = mulberry32(SEED);
const queries = users.map((u) => syntheticQuery(rng, movies[[...u.positives][0] as number] as (typeof movies)[number]) ?? "movie");
const queryVectors = await embedTexts(textSession, tok, queries, maxLength);

type SourceSet = "history" | "query" | "query+history";
const examples: Record<SourceSet, { train: StackerExample[]; held: StackerExample[] }> = {
  history: { train: [], held: [] },
  query: { train: [], held: [] },
  "query+history": { train: [], held: [] },
};
const heldOut = new Set(
  shuffle(
    rng,
    users.map((u) => u.userId),
  ).slice(0, Math.round(users.length * HELD_OUT_USERS)),
);
const bar = progress("stacker: examples", users.length);
for (const [u, user] of users.entries()) {
  const content = pooled(textVectors, user.history);
  const collab = pooled(cfVectors, user.history);
  const query = queryVectors[u] as Float32Array;
  const cols: Record<string, (number | null)[]> = { query: scoresOf(query, textVectors) };
  if (content) cols.content = scoresOf(content, textVectors);
  if (collab) cols.collab = scoresOf(collab, cfVectors);
  const sets: [SourceSet, string[]][] = [
    ["history", ["content", "collab"]],
    ["query", ["query"]],
    ["query+history", ["query", "content", "collab"]],
  ];
  for (const [set, names] of sets) {
    if (!names.every((n) => cols[n] !== undefined)) continue;
    const pool = new Set<number>();
    for (const n of names) topCandidates(cols[n] as (number | null)[], user.seen, pool);
    const candidates = [...pool].sort((a, b) => a - b);
    const scores: Record<string, (number | null)[]> = {};
    for (const n of names) scores[n] = candidates.map((i) => (cols[n] as (number | null)[])[i] ?? null);
    for (const p of PRIOR_SOURCES) {
      scores[p] = candidates.map((i) => {
        const r = priorRow.get((movies[i] as (typeof movies)[number]).movieId);
        return r === undefined ? null : (priors[p][r] ?? null);
      });
    }
    const rows = stackerFeatures(candidates, scores);
    const target = heldOut.has(user.userId) ? examples[set].held : examples[set].train;
    for (const [c, item] of candidates.entries()) target.push({ features: rows[c] ?? {}, label: user.positives.has(item) ? 1 : 0 });
  }
  bar.tick();
}
bar.done();

function baseline(ex: readonly StackerExample[], rate: number): number {
  const p = Math.min(1 - 1e-15, Math.max(1e-15, rate));
  return ex.reduce((s, e) => s - (e.label === 1 ? Math.log(p) : Math.log(1 - p)), 0) / ex.length;
}

const stackers: Stacker[] = [];
const report: Record<string, unknown>[] = [];
for (const [set, { train: tr, held }] of Object.entries(examples)) {
  if (tr.length === 0 || held.length === 0) throw new Error(`no examples for ${set}`);
  const positives = tr.filter((e) => e.label === 1).length;
  const st = trainStacker(tr, TRAIN);
  const rate = positives / tr.length;
  const row = {
    sources: set,
    trainExamples: tr.length,
    trainPositives: positives,
    heldOutExamples: held.length,
    heldOutLogLoss: stackerLogLoss(st, held),
    heldOutBaseRateLogLoss: baseline(held, rate),
  };
  report.push(row);
  process.stderr.write(`stacker: ${JSON.stringify({ ...row, version: st.version })}\n`);
  stackers.push(st);
}
const set = {
  id: "stacker",
  version: stackers
    .map((s) => s.version.replace(/^sgd-/, ""))
    .join("-")
    .slice(0, 100),
  note: "One logistic-regression combiner per source set (lib/fusion/stacked.ts); the fusion worker picks the one matching a request's sources.",
  provenance: {
    command: COMMAND,
    split: `ratings before the eval test cutoff (last ${TEST_FRACTION * 100}% of the time span); per user, labels (rating >= ${POSITIVE_RATING}) = their latest ${LABEL_FRACTION * 100}%, history = the rest`,
    users: users.length,
    heldOutUsers: heldOut.size,
    options: TRAIN,
    models: { "movielens-text": pin(textManifest), "movielens-cf": pin(cfManifest) },
    ratingsSha256: ratingsSha256(),
    caveat: "the shipped encoders were trained on all ratings; only the combiner is fit here, judged on held-out users",
    results: report,
  },
  stackers,
};
mkdirSync("models/stacker", { recursive: true });
writeFileSync(OUT, `${JSON.stringify(set, null, 2)}\n`);
process.stderr.write(`stacker: wrote ${OUT} (${stackers.length} stackers) in ${Math.round((Date.now() - started) / 1000)}s\n`);
