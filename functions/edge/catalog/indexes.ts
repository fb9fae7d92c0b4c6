import dotsKernel from "../../lib/index/dots.wasm";
import { Int8Index } from "../../lib/index/index.ts";
import { fileDigest } from "../../lib/models/manifest.ts";
import { AsyncMemo } from "../../lib/onnx/memo.ts";
import type { ModelSet } from "../models/load.ts";
import { type Catalog, catalog } from "./catalog.ts";

export interface CatalogIndexes {
  /** Text-encoder vectors of every catalog item (title, year, genres). */
  text: Int8Index;
  /** Collaborative vectors of the items the CF model knows; cold items are absent. */
  item: Int8Index;
}

const FORMAT = "v1";
const memo = new AsyncMemo<CatalogIndexes>();

export function indexKey(kind: "text" | "item", modelId: string, modelSha: string, catalogSha: string): string {
  return `index/${FORMAT}/${kind}/${modelId}/${modelSha.slice(0, 16)}/${catalogSha.slice(0, 16)}`;
}

function flatten(vectors: readonly Float32Array[], dims: number): Float32Array {
  const flat = new Float32Array(vectors.length * dims);
  for (const [i, v] of vectors.entries()) flat.set(v, i * dims);
  return flat;
}

async function buildText(models: ModelSet, cat: Catalog): Promise<Int8Index> {
  const vectors = await models.text.embed(cat.texts);
  return Int8Index.fromFloat32(cat.ids, flatten(vectors, models.text.dims), models.text.dims);
}

async function buildItem(models: ModelSet, cat: Catalog): Promise<Int8Index> {
  const known = cat.movies.filter((m) => models.item.rowOf(m.movieId) !== undefined);
  const rows = known.map((m) => models.item.rowOf(m.movieId) ?? -1);
  const vectors = await models.item.embedRows(rows);
  return Int8Index.fromFloat32(
    Int32Array.from(known, (m) => m.movieId),
    flatten(vectors, models.item.dims),
    models.item.dims,
  );
}

// KV holds each index under a key that names the model's and the catalog's digests, so isolates and refreshes share the work
// and a new model or catalog can never be served with old vectors. KV is a cache here: if it fails, the isolate builds the
// index itself and keeps serving.
async function cached(kv: KVNamespace, key: string, build: () => Promise<Int8Index>): Promise<Int8Index> {
  const warn = (message: string) => console.warn(JSON.stringify({ level: "warn", key, message }));
  try {
    const stored = await kv.get(key, "arrayBuffer");
    if (stored) return Int8Index.fromBytes(stored);
  } catch (err) {
    warn(`index not read from KV, rebuilding: ${(err as Error).message}`);
  }
  const index = await build();
  try {
    await kv.put(key, index.toBytes());
  } catch (err) {
    warn(`index not written to KV: ${(err as Error).message}`);
  }
  return index;
}

/** The catalog indexes for a model set, built or fetched once per isolate and per set. */
export function catalogIndexes(env: EdgeEnv, models: ModelSet): Promise<CatalogIndexes> {
  const textSha = fileDigest(models.text.manifest, "model.onnx");
  const itemSha = fileDigest(models.item.manifest, "model.onnx");
  return memo.get(`${textSha}/${itemSha}`, async () => {
    const cat = await catalog();
    const [text, item] = await Promise.all([
      cached(env.CACHE, indexKey("text", models.text.manifest.id, textSha, cat.digest), () => buildText(models, cat)),
      cached(env.CACHE, indexKey("item", models.item.manifest.id, itemSha, cat.digest), () => buildItem(models, cat)),
    ]);
    return { text: text.accelerate(dotsKernel), item: item.accelerate(dotsKernel) };
  });
}
