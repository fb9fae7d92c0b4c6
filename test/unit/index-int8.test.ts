import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SearchOptions } from "../../functions/lib/index/index.ts";
import { Int8Index } from "../../functions/lib/index/index.ts";
import { mulberry32 } from "../../functions/lib/random.ts";
import { assemble, compileKernel, WASM } from "../../scripts/kernel/assemble.ts";

const kernel = compileKernel();

// Every search test runs on both scans: the plain JS one and the one the wasm SIMD kernel accelerates.
const SCANS = [
  { scan: "js", build: (ids: Int32Array, vecs: Float32Array, dims: number) => Int8Index.fromFloat32(ids, vecs, dims) },
  {
    scan: "simd",
    build: (ids: Int32Array, vecs: Float32Array, dims: number) => Int8Index.fromFloat32(ids, vecs, dims).accelerate(kernel),
  },
];

interface RefHit {
  id: number;
  row: number;
  score: number;
}

/** Float64 reference: full scan + full sort over the dequantised vectors, score desc then row asc. */
function referenceTopK(index: Int8Index, query: Float32Array, k: number, opts: SearchOptions = {}): RefHit[] {
  const hits: RefHit[] = [];
  for (let row = 0; row < index.size; row++) {
    const id = index.ids[row] as number;
    if (opts.exclude?.has(id)) continue;
    if (opts.allow && !opts.allow(row)) continue;
    const v = index.vector(row);
    let s = 0;
    for (let j = 0; j < v.length; j++) s += (query[j] as number) * (v[j] as number);
    hits.push({ id, row, score: s });
  }
  hits.sort((a, b) => b.score - a.score || a.row - b.row);
  return hits.slice(0, Math.max(0, k));
}

// The index sums codes first and scales once (and rounds to float32); the reference scales each element.
// Both are the same real number up to rounding, so positions may only differ between near-equal scores.
const EPS = 1e-5;
function expectMatchesReference(index: Int8Index, query: Float32Array, k: number, opts: SearchOptions = {}): void {
  const got = index.search(query, k, opts);
  const ref = referenceTopK(index, query, k, opts);
  const refScoreOfRow = new Map(referenceTopK(index, query, Number.POSITIVE_INFINITY, opts).map((h) => [h.row, h.score]));
  expect(got.rows.length).toBe(ref.length);
  expect(new Set(got.rows).size).toBe(got.rows.length);
  for (let i = 0; i < ref.length; i++) {
    const r = ref[i] as RefHit;
    const row = got.rows[i] as number;
    const score = got.scores[i] as number;
    expect(got.ids[i]).toBe(index.ids[row]);
    expect(Math.abs(score - r.score)).toBeLessThanOrEqual(EPS);
    // A row differing from the reference's at this position must be a near-tie of it.
    if (row !== r.row) expect(Math.abs((refScoreOfRow.get(row) ?? Number.NaN) - r.score)).toBeLessThanOrEqual(2 * EPS);
    if (i > 0) {
      const prev = got.scores[i - 1] as number;
      expect(prev >= score).toBe(true);
      if (prev === score) expect((got.rows[i - 1] as number) < row).toBe(true);
    }
  }
}

function normalised(v: number[]): Float32Array {
  const n = Math.hypot(...v) || 1;
  return Float32Array.from(v, (x) => x / n);
}

function randomVectors(n: number, dims: number, seed: number): Float32Array {
  const rng = mulberry32(seed);
  return new Float32Array(n * dims).map(() => rng() * 2 - 1);
}

describe.each(SCANS)("Int8Index.search ($scan scan)", ({ build }) => {
  const index = build(
    Int32Array.from({ length: 300 }, (_, i) => 1000 + i * 7),
    randomVectors(300, 16, 1),
    16,
  );
  const q = normalised(Array.from({ length: 16 }, (_, i) => Math.sin(i + 1)));

  it("matches the float64 reference top-k", () => {
    expectMatchesReference(index, q, 10);
  });

  it("breaks exact ties by lower row, including ties that straddle the k boundary", () => {
    // Rows 1, 3, 4 hold the same vector, so their scores are bit-identical in any implementation.
    const dup = [0.5, -0.25, 0.75];
    const vecs = new Float32Array([0.1, 0.1, 0.1, ...dup, 0, 0, 0, ...dup, ...dup, 0, 0, 0]);
    const ids = Int32Array.from([10, 11, 12, 13, 14, 15]);
    const idx = build(ids, vecs, 3);
    const query = normalised([1, -1, 1]);
    const two = idx.search(query, 2);
    expect(Array.from(two.rows)).toEqual([1, 3]);
    expect(two.scores[0]).toBe(two.scores[1]);
    expect(Array.from(idx.search(query, 6).rows)).toEqual(referenceTopK(idx, query, 6).map((h) => h.row));
    // Rows 2 and 5 are zero vectors: an exact tie at 0, lower row first.
    const all = idx.search(query, 6);
    expect(Array.from(all.rows)).toEqual([1, 3, 4, 0, 2, 5]);
    expect(all.scores[4]).toBe(0);
    expect(all.scores[5]).toBe(0);
  });

  it("returns every eligible item when k > N, and nothing when k <= 0", () => {
    expect(index.search(q, 10_000).rows.length).toBe(300);
    expectMatchesReference(index, q, 10_000);
    expect(index.search(q, 0).rows.length).toBe(0);
    expect(index.search(q, -3).ids.length).toBe(0);
  });

  it("honours exclude (by id) and allow (by row)", () => {
    const top = index.search(q, 5);
    const exclude = new Set([top.ids[0] as number, top.ids[2] as number, -42]);
    const allow = (row: number) => row % 3 !== 0;
    const got = index.search(q, 20, { exclude, allow });
    for (const id of got.ids) expect(exclude.has(id)).toBe(false);
    for (const row of got.rows) expect(row % 3).not.toBe(0);
    expectMatchesReference(index, q, 20, { exclude, allow });
  });

  it("handles an empty index", () => {
    const empty = build(new Int32Array(0), new Float32Array(0), 4);
    expect(empty.search(new Float32Array(4), 5).rows.length).toBe(0);
  });

  it("throws on a dimension mismatch or a non-finite query, never scoring NaN", () => {
    expect(() => index.search(new Float32Array(15), 3)).toThrow(/dims/);
    const bad = q.slice();
    bad[3] = Number.NaN;
    expect(() => index.search(bad, 3)).toThrow(/non-finite/);
    expect(() => index.scoreRows(bad, Int32Array.of(0))).toThrow(/non-finite/);
  });

  it("scoreRows gives the same scores as search", () => {
    const got = index.search(q, 7);
    expect(Array.from(index.scoreRows(q, got.rows))).toEqual(Array.from(got.scores));
    expect(() => index.scoreRows(q, Int32Array.of(300))).toThrow(/out of range/);
  });

  it("maps ids to rows and rejects bad construction input", () => {
    expect(index.rowOf(1000 + 7 * 5)).toBe(5);
    expect(index.rowOf(3)).toBeUndefined();
    expect(() => Int8Index.fromFloat32(Int32Array.of(1, 1), new Float32Array(4), 2)).toThrow(/duplicate id/);
    expect(() => Int8Index.fromFloat32(Int32Array.of(1), new Float32Array(3), 2)).toThrow(/expected/);
    expect(() => Int8Index.fromFloat32(Int32Array.of(1), Float32Array.of(1, Number.NaN), 2)).toThrow(/non-finite/);
  });

  it("dequantises within half a quantisation step of the original", () => {
    const v = [0.9, -0.3, 0.001, -0.9];
    const idx = Int8Index.fromFloat32(Int32Array.of(1), Float32Array.from(v), 4);
    const back = idx.vector(0);
    const step = 0.9 / 127;
    for (const [j, x] of v.entries()) expect(Math.abs((back[j] as number) - x)).toBeLessThanOrEqual(step / 2 + 1e-7);
  });
});

describe.each(SCANS)("Int8Index.search property ($scan scan)", ({ build }) => {
  const floatVal = fc.float({ min: -1, max: 1, noNaN: true, noDefaultInfinity: true });
  const arbCase = fc
    .record({ n: fc.integer({ min: 0, max: 40 }), dims: fc.integer({ min: 1, max: 9 }), pool: fc.boolean() })
    .chain(({ n, dims, pool }) =>
      fc.record({
        dims: fc.constant(dims),
        // With a tiny pool of base vectors most scores are exact ties, exercising the tie-break.
        vectors: pool
          ? fc
              .array(fc.array(floatVal, { minLength: dims, maxLength: dims }), { minLength: 1, maxLength: 3 })
              .chain((bases) => fc.array(fc.constantFrom(...bases), { minLength: n, maxLength: n }))
              .map((rows) => rows.flat())
          : fc.array(floatVal, { minLength: n * dims, maxLength: n * dims }),
        query: fc.array(floatVal, { minLength: dims, maxLength: dims }),
        k: fc.integer({ min: -1, max: 45 }),
        excludeIds: fc.array(fc.integer({ min: 0, max: 45 }), { maxLength: 8 }),
        allowMod: fc.integer({ min: 1, max: 4 }),
      }),
    );

  it("equals the float64 reference for random vectors, k, exclude and allow", () => {
    fc.assert(
      fc.property(arbCase, ({ dims, vectors, query, k, excludeIds, allowMod }) => {
        const n = vectors.length / dims;
        const idx = build(
          Int32Array.from({ length: n }, (_, i) => i),
          Float32Array.from(vectors),
          dims,
        );
        const opts: SearchOptions = { exclude: new Set(excludeIds), allow: (row) => row % allowMod !== 1 };
        const q = Float32Array.from(query);
        expectMatchesReference(idx, q, k, opts);
      }),
      { numRuns: 300, seed: 20240607 },
    );
  });
});

describe("Int8Index on the SIMD kernel", () => {
  const ids = (n: number) => Int32Array.from({ length: n }, (_, i) => i + 1);

  it("is assembled from the committed dots.wat", async () => {
    expect(Buffer.from(await assemble()).equals(readFileSync(WASM))).toBe(true);
  });

  it("keeps every approximate score within its stated bound, padded dims included", () => {
    for (const dims of [64, 20, 1]) {
      const vecs = randomVectors(500, dims, dims);
      const index = Int8Index.fromFloat32(ids(500), vecs, dims).accelerate(kernel);
      const query = randomVectors(1, dims, 99);
      const exact = index.scoreRows(
        query,
        ids(500).map((id) => id - 1),
      );
      const { scores, bound } = index.kernel!.scores(Float64Array.from(query));
      // One dim quantises exactly (its value is the max); more dims round.
      if (dims > 1) expect(bound).toBeGreaterThan(0);
      // exact is rounded to float32 (relative 6e-8); the bound is on the unrounded dot product.
      for (let row = 0; row < 500; row++) expect(Math.abs(scores[row]! - exact[row]!)).toBeLessThanOrEqual(bound + 1e-6);
    }
  });

  it("returns bit-identical results to the JS scan at catalog scale, with filters and near-duplicates", () => {
    const n = 9000;
    const dims = 64;
    const vecs = randomVectors(n, dims, 7);
    // Near-duplicates: every tenth row copies its neighbour with a tiny nudge, so scores crowd within the kernel's error.
    for (let row = 10; row < n; row += 10)
      for (let j = 0; j < dims; j++) vecs[row * dims + j] = vecs[(row - 1) * dims + j]! + 1e-4 * (j % 3);
    const js = Int8Index.fromFloat32(ids(n), vecs, dims);
    const simd = Int8Index.fromFloat32(ids(n), vecs, dims).accelerate(kernel);
    const rng = mulberry32(3);
    for (let i = 0; i < 40; i++) {
      const query = randomVectors(1, dims, 100 + i);
      const k = [1, 10, 200, 5000, 20_000][i % 5]!;
      const best = new Set(js.search(query, 5).rows);
      // No filter; a few ids excluded; a filter refusing the best rows (the kernel's selection must go round again); a
      // filter keeping one row in 50 (it gives up and walks); a filter refusing a sixth of the rows.
      const options: SearchOptions[] = [
        {},
        { exclude: new Set([1, 2, 3, Math.floor(rng() * n)]) },
        { allow: (row) => !best.has(row) },
        { allow: (row) => row % 50 === 7 },
        { exclude: new Set([5]), allow: (row) => row % 6 !== 0 },
      ];
      for (const opts of options) {
        const a = js.search(query, k, opts);
        const b = simd.search(query, k, opts);
        expect(Array.from(b.rows)).toEqual(Array.from(a.rows));
        expect(Array.from(b.scores)).toEqual(Array.from(a.scores));
      }
    }
  });

  it("shares the codes with the kernel instead of keeping a second copy, and still serialises them", () => {
    const vecs = randomVectors(100, 64, 5);
    const plain = Int8Index.fromFloat32(ids(100), vecs, 64);
    const fast = Int8Index.fromFloat32(ids(100), vecs, 64).accelerate(kernel);
    expect(Buffer.from(fast.toBytes()).equals(Buffer.from(plain.toBytes()))).toBe(true);
    expect(fast.vector(42)).toEqual(plain.vector(42));
  });
});
