// The bench worker: runs the project's own model, index and catalog code inside workerd and times it from within the isolate.
//
// workerd freezes Date.now()/performance.now() while JavaScript runs (a Spectre mitigation): the clock only moves when the
// isolate yields to real I/O. So one sample = wait for a timer (I/O) -> read the clock -> run the op `iters` times -> wait for a
// timer again -> read the clock. The second read includes one timer round trip; the caller subtracts the median of the same
// measurement with iters=0 and divides by iters.

import { catalog } from "../../functions/edge/catalog/catalog.ts";
import { BUNDLED } from "../../functions/edge/models/bundled.ts";
import { loadModelSet, type ModelSet } from "../../functions/edge/models/load.ts";
import dotsKernel from "../../functions/lib/index/dots.wasm";
import { Int8Index } from "../../functions/lib/index/index.ts";
import {
  codesOf,
  consume,
  memoryPass,
  rowQueries,
  SCAN_K,
  SINGLE_QUERY,
  scanOp,
  sinkValue,
  syntheticIndex,
  syntheticQueries,
} from "./kernels.ts";

interface Scanned {
  /** Scanned in JS. */
  index: Int8Index;
  /** The same bytes, scanned on the wasm SIMD kernel as the edge does. */
  fast: Int8Index;
  codes: Int8Array;
  queries: Float32Array[];
}

let models: ModelSet | undefined;
let texts: string[] = [];
const scanned = new Map<string, Scanned>();

function scannedOf(index: Int8Index, queries: Float32Array[]): Scanned {
  return { index, fast: Int8Index.fromBytes(index.toBytes()).accelerate(dotsKernel), codes: codesOf(index), queries };
}

async function setup(url: URL): Promise<Response> {
  const limit = Number(url.searchParams.get("catalog") ?? "0");
  const synthetic = Number(url.searchParams.get("synthetic") ?? "0");
  const dims = Number(url.searchParams.get("dims") ?? "64");
  models ??= await loadModelSet(BUNDLED);
  const cat = await catalog();
  const n = limit > 0 ? Math.min(limit, cat.movies.length) : cat.movies.length;
  if (scanned.get("catalog")?.index.size !== n) {
    texts = cat.texts.slice(0, n);
    // Built as functions/edge/catalog/indexes.ts builds the text index: the text encoder over every catalog title.
    const m = models;
    const vectors = await m.text.embed(texts);
    const flat = new Float32Array(n * m.text.dims);
    for (const [i, v] of vectors.entries()) flat.set(v, i * m.text.dims);
    const index = Int8Index.fromFloat32(cat.ids.slice(0, n), flat, m.text.dims);
    scanned.set("catalog", scannedOf(index, rowQueries(index)));
  }
  if (synthetic > 0 && scanned.get("synthetic")?.index.size !== synthetic) {
    scanned.set("synthetic", scannedOf(syntheticIndex(synthetic, dims), syntheticQueries(dims)));
  }
  return Response.json({ catalog: n, synthetic, dims: models.text.dims });
}

function op(name: string, batch: number): () => Promise<unknown> | unknown {
  const m = models;
  if (name === "noop") return () => undefined;
  if (!m) throw new Error("call /setup first");
  if (name === "text") {
    const input = batch === 1 ? [SINGLE_QUERY] : texts.slice(0, batch);
    return () => m.text.embed(input);
  }
  if (name === "item") {
    const rows = Array.from({ length: batch }, (_, i) => i);
    return () => m.item.embedRows(rows);
  }
  const [kind, which] = name.split("-");
  const s = scanned.get(which ?? "");
  if (!s) throw new Error(`unknown op ${name}`);
  if (kind === "scan") return scanOp(s.index, s.queries);
  if (kind === "simd") return scanOp(s.fast, s.queries);
  if (kind === "bound") return () => memoryPass(s.codes);
  if (kind === "simdbound") return () => consume(s.fast.kernel?.pass() ?? 0);
  throw new Error(`unknown op ${name}`);
}

async function sample(url: URL): Promise<Response> {
  const iters = Number(url.searchParams.get("iters") ?? "1");
  const run = op(url.searchParams.get("op") ?? "noop", Number(url.searchParams.get("batch") ?? "1"));
  await scheduler.wait(0);
  const start = performance.now();
  for (let i = 0; i < iters; i++) await run();
  await scheduler.wait(0);
  const ms = performance.now() - start;
  return Response.json({ ms, iters, sink: sinkValue() });
}

/** How far the clock moves inside one synchronous stretch: 0 confirms the frozen clock that forces the method above. */
function frozen(): Response {
  const start = performance.now();
  let x = 0;
  for (let i = 0; i < 20_000_000; i++) x += i % 7;
  consume(x);
  return Response.json({ syncAdvanceMs: performance.now() - start });
}

async function probe(): Promise<Response> {
  models ??= await loadModelSet(BUNDLED);
  const [v] = await models.text.embed([models.text.manifest.probe.input]);
  return Response.json({ vector: Array.from(v ?? []) });
}

export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    try {
      if (url.pathname === "/setup") return await setup(url);
      if (url.pathname === "/sample") return await sample(url);
      if (url.pathname === "/frozen") return frozen();
      if (url.pathname === "/probe") return await probe();
      if (url.pathname === "/top") {
        // The first query's top ids by both scans, so the Node side can confirm every scan reached the same answer.
        const s = scanned.get(url.searchParams.get("which") ?? "");
        return s
          ? Response.json({
              js: Array.from(s.index.search(s.queries[0]!, SCAN_K).ids),
              simd: Array.from(s.fast.search(s.queries[0]!, SCAN_K).ids),
            })
          : new Response("no such index", { status: 404 });
      }
      if (url.pathname === "/catalog-index") {
        const s = scanned.get("catalog");
        return s ? new Response(s.index.toBytes()) : new Response("call /setup first", { status: 409 });
      }
      return new Response("not found", { status: 404 });
    } catch (err) {
      return new Response((err as Error).stack ?? String(err), { status: 500 });
    }
  },
} satisfies ExportedHandler;
