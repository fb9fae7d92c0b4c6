// Inputs and the memory-pass bound shared by the Node side and the bench worker, so both time the same work on the same bytes.

import { decodeIndex } from "../../functions/lib/index/format.ts";
import { Int8Index } from "../../functions/lib/index/index.ts";
import { l2normalize } from "../../functions/lib/pooling.ts";
import { gaussian, mulberry32 } from "../../functions/lib/random.ts";

/** The pipeline asks each source for this many candidates (functions/edge/recommend/sources.ts CANDIDATES_PER_SOURCE). */
export const SCAN_K = 200;
export const QUERY_COUNT = 16;
export const SINGLE_QUERY = "animated children adventure";

/** L2-normalised Gaussian vectors from a seed: identical in Node and workerd (mulberry32, not Math.random). */
export function randomUnitVectors(n: number, dims: number, seed: number): Float32Array {
  const normal = gaussian(mulberry32(seed));
  const flat = new Float32Array(n * dims);
  for (let row = 0; row < n; row++) {
    const v = new Float32Array(dims);
    for (let j = 0; j < dims; j++) v[j] = normal();
    flat.set(l2normalize(v), row * dims);
  }
  return flat;
}

export function syntheticIndex(n: number, dims: number, seed = 1): Int8Index {
  const ids = Int32Array.from({ length: n }, (_, i) => i + 1);
  return Int8Index.fromFloat32(ids, randomUnitVectors(n, dims, seed), dims);
}

/** Queries for a real index: its own rows spread over the catalog (a query near real items, as few-shot pooling gives). */
export function rowQueries(index: Int8Index, count = QUERY_COUNT): Float32Array[] {
  return Array.from({ length: count }, (_, i) => index.vector(Math.floor(((i + 0.5) * index.size) / count)));
}

export function syntheticQueries(dims: number, count = QUERY_COUNT, seed = 2): Float32Array[] {
  const flat = randomUnitVectors(count, dims, seed);
  return Array.from({ length: count }, (_, i) => flat.slice(i * dims, (i + 1) * dims));
}

/** A copy of exactly the int8 codes the scan reads (same content, same length), taken from the serialised index. */
export function codesOf(index: Int8Index): Int8Array {
  return decodeIndex(index.toBytes()).codes;
}

let sink = 0;

/** One top-k query per call, cycling through `queries`, with the k the recommend pipeline uses. */
export function scanOp(index: Int8Index, queries: readonly Float32Array[]): () => void {
  let i = 0;
  return () => consume(index.search(queries[i++ % queries.length]!, SCAN_K).rows[0] ?? 0);
}

/**
 * The memory-pass bound: one plain pass that reads every code once and sums it. Eight lanes, as in the scan's dot product, so
 * the pass is limited by the loads and not by one chain of dependent adds; no scan over the same bytes can be much faster.
 */
export function memoryPass(codes: Int8Array): number {
  const end8 = codes.length - (codes.length % 8);
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  let s5 = 0;
  let s6 = 0;
  let s7 = 0;
  let i = 0;
  for (; i < end8; i += 8) {
    s0 += codes[i]!;
    s1 += codes[i + 1]!;
    s2 += codes[i + 2]!;
    s3 += codes[i + 3]!;
    s4 += codes[i + 4]!;
    s5 += codes[i + 5]!;
    s6 += codes[i + 6]!;
    s7 += codes[i + 7]!;
  }
  for (; i < codes.length; i++) s0 += codes[i]!;
  const sum = s0 + s1 + (s2 + s3) + (s4 + s5 + (s6 + s7));
  sink ^= sum;
  return sum;
}

/** Keeps results observable so the JIT cannot drop the work being timed. */
export function consume(value: number): void {
  sink ^= value | 0;
}

export function sinkValue(): number {
  return sink;
}
