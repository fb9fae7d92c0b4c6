// Catalog vectors of the eval's models, cached under .tmp/eval-cache/ by a digest of everything that decides them:
// training dominates the run, and an unchanged recipe on unchanged data gives the same vectors (training is seeded).
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Movie, Rating } from "../lib/movielens.ts";
import type { TrainConfig } from "../train/config.ts";
import type { CatalogVectors } from "./vectors.ts";

export const CACHE_DIR = ".tmp/eval-cache";
/** Code that shapes the vectors: a change to any of it (e.g. the trainer being improved) must miss the cache. */
const CODE_DIRS = [
  "scripts/train",
  "scripts/export",
  "scripts/lib",
  "scripts/eval/vectors.ts",
  "functions/lib/pooling.ts",
  "functions/lib/tokenizer.ts",
];
const TOKENIZER = "models/movielens-text/tokenizer.json";

function codeFiles(path: string): string[] {
  if (path.endsWith(".ts")) return [path];
  return readdirSync(path, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .sort()
    .map((f) => join(path, f));
}

/** Hashed once per run: the code that is loaded is the code at start, even if someone edits a trainer mid-run. */
let codeDigest: string | undefined;
function codeHash(): string {
  if (codeDigest === undefined) {
    const h = createHash("sha256");
    for (const f of CODE_DIRS.flatMap(codeFiles)) h.update(f).update(readFileSync(f));
    codeDigest = h.update(readFileSync(TOKENIZER)).digest("hex");
  }
  return codeDigest;
}

export function vectorsDigest(config: TrainConfig, movies: readonly Movie[], ratings: readonly Rating[]): string {
  const h = createHash("sha256").update(JSON.stringify(config));
  for (const m of movies) h.update(`${m.movieId}\u0000${m.title}\u0000${m.genres.join("|")}\n`);
  const buf = new Float64Array(4);
  for (const r of ratings) {
    buf.set([r.userId, r.movieId, r.rating, r.timestamp]);
    h.update(new Uint8Array(buf.buffer));
  }
  return h.update(codeHash()).digest("hex").slice(0, 16);
}

type Both = { int8: CatalogVectors; fp32: CatalogVectors };
const BLOCKS = ["int8.text", "int8.cf", "fp32.text", "fp32.cf"] as const;

/** Layout: [n, dims] as uint32, then four n x dims float32 blocks; an item the CF model lacks is a row of NaN. */
function encode(v: Both): Uint8Array {
  const n = v.int8.text.length;
  const dims = v.int8.text[0]?.length ?? 0;
  const out = new Float32Array(2 + 4 * n * dims);
  new Uint32Array(out.buffer, 0, 2).set([n, dims]);
  const rows = [v.int8.text, v.int8.cf, v.fp32.text, v.fp32.cf];
  rows.forEach((block, b) => {
    block.forEach((row, i) => {
      const at = 2 + (b * n + i) * dims;
      if (row === null) out.fill(Number.NaN, at, at + dims);
      else out.set(row, at);
    });
  });
  return new Uint8Array(out.buffer);
}

function decode(bytes: Buffer): Both {
  const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const [n = 0, dims = 0] = new Uint32Array(all.buffer, 0, 2);
  const block = (b: number) =>
    Array.from({ length: n }, (_, i) => {
      const at = 2 + (b * n + i) * dims;
      const row = all.slice(at, at + dims);
      return Number.isNaN(row[0]) ? null : row;
    });
  const text = (b: number) => block(b).map((r) => r ?? new Float32Array(dims));
  if (all.length !== 2 + BLOCKS.length * n * dims) throw new Error("eval cache entry has the wrong size");
  return { int8: { text: text(0), cf: block(1) }, fp32: { text: text(2), cf: block(3) } };
}

/** The cached vectors for `digest`, or `make()`'s, written atomically (rename) so a killed run never leaves half a file. */
export async function cachedVectors(digest: string, enabled: boolean, make: () => Promise<Both>): Promise<{ vectors: Both; hit: boolean }> {
  const path = join(CACHE_DIR, `${digest}.f32`);
  if (enabled && existsSync(path)) return { vectors: decode(readFileSync(path)), hit: true };
  const vectors = await make();
  if (enabled) {
    mkdirSync(CACHE_DIR, { recursive: true });
    writeFileSync(`${path}.part`, encode(vectors));
    renameSync(`${path}.part`, path);
  }
  return { vectors, hit: false };
}
