import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FusionInput, Stacker } from "../../functions/lib/fusion/index.ts";
import { Fnv1a64, fuse, inputDigest } from "../../functions/lib/fusion/index.ts";

const stacker: Stacker = { features: ["a", "b"], weights: [1, -1], bias: 0, version: "s1", trainedOn: 5 };
const base: FusionInput = {
  candidates: [1, 2, 3],
  scores: { a: [0.3, -0.2, null], b: [0.1, 0.2, 0.3] },
  strategy: "weighted",
  weights: { a: 2, b: 1 },
  normalization: "minmax",
  missing: "renormalize",
  rrfK: 60,
  k: 10,
  stacker,
};

describe("Fnv1a64", () => {
  it("matches the published FNV-1a 64 test vectors", () => {
    expect(new Fnv1a64().hex()).toBe("cbf29ce484222325");
    expect(new Fnv1a64().byte(0x61).hex()).toBe("af63dc4c8601ec8c"); // "a"
    const foobar = new Fnv1a64();
    for (const c of "foobar") foobar.byte(c.charCodeAt(0));
    expect(foobar.hex()).toBe("85944171f73967e8");
  });
});

describe("inputDigest", () => {
  const d0 = inputDigest(base);

  it("changes when any output-determining input changes", () => {
    const variants: FusionInput[] = [
      { ...base, candidates: [1, 2, 4] },
      { ...base, scores: { ...base.scores, a: [0.3, -0.2, 0] } }, // null -> 0
      { ...base, scores: { ...base.scores, a: [0.3, -0.20000000000000004, null] } }, // one ulp
      { ...base, scores: { a: base.scores.a ?? [], c: base.scores.b ?? [] }, weights: { a: 2, c: 1 } }, // source renamed
      { ...base, strategy: "rrf" },
      { ...base, strategy: "vote" },
      { ...base, strategy: "stacked" },
      { ...base, weights: { a: 1, b: 1 } },
      { ...base, normalization: "zscore" },
      { ...base, normalization: "rank" },
      { ...base, missing: "zero" },
      { ...base, rrfK: 61 },
      { ...base, k: 9 },
      { ...base, stacker: { ...stacker, version: "s2" } },
      { ...base, stacker: { ...stacker, weights: [1, -0.5] } }, // same version, different model
      { ...base, stacker: { ...stacker, bias: 0.1 } },
      { ...base, stacker: { ...stacker, trainedOn: 0 } },
    ];
    const digests = variants.map(inputDigest);
    for (const d of digests) expect(d).not.toBe(d0);
    expect(new Set(digests).size).toBe(variants.length);
  });

  it("is stable across equivalent spellings of the same input", () => {
    const { strategy, normalization, missing, rrfK, k, ...bare } = base;
    expect(inputDigest({ ...bare, weights: { a: 2, b: 1 } })).toBe(d0); // explicit defaults omitted
    expect(inputDigest({ ...base, weights: { b: 0.5, a: 1 } })).toBe(d0); // proportional, other key order
    expect(inputDigest({ ...base, scores: { b: [0.1, 0.2, 0.3], a: [0.3, -0.2, null] } })).toBe(d0);
    // Candidate order, scores permuted alike.
    expect(inputDigest({ ...base, candidates: [3, 1, 2], scores: { a: [null, 0.3, -0.2], b: [0.3, 0.1, 0.2] } })).toBe(d0);
    expect(inputDigest(structuredClone(base))).toBe(d0);
    expect(d0).toMatch(/^fx2:[0-9a-f]{16}$/);
  });

  it("keys invalid input by its rejection reason", () => {
    const bad = inputDigest({ ...base, k: 0 });
    expect(bad).toMatch(/^fx2-invalid:/);
    expect(inputDigest({ ...base, k: -5 })).toBe(bad);
    expect(inputDigest({ ...base, rrfK: -1 })).not.toBe(bad);
  });

  it("candidate order and weight scale change neither the digest nor the outcome (property)", () => {
    const col = (n: number) => fc.array(fc.option(fc.integer({ min: -3, max: 3 }), { nil: null }), { minLength: n, maxLength: n });
    const arb = fc.integer({ min: 1, max: 8 }).chain((n) =>
      fc.record({
        candidates: fc.uniqueArray(fc.integer({ min: 0, max: 20 }), { minLength: n, maxLength: n }),
        scores: fc.record({ a: col(n), b: col(n) }),
        strategy: fc.constantFrom("weighted" as const, "rrf" as const, "vote" as const),
        normalization: fc.constantFrom("minmax" as const, "zscore" as const, "rank" as const),
        missing: fc.constantFrom("renormalize" as const, "zero" as const),
        weights: fc.record({ a: fc.integer({ min: 0, max: 3 }), b: fc.integer({ min: 1, max: 3 }) }),
        k: fc.integer({ min: 1, max: 8 }),
        // Sort keys for a random permutation of the candidates.
        perm: fc.array(fc.double({ noNaN: true }), { minLength: n, maxLength: n }),
      }),
    );
    fc.assert(
      fc.property(arb, ({ perm, ...x }) => {
        const order = x.candidates.map((_, i) => i).sort((i, j) => (perm[i] as number) - (perm[j] as number) || i - j);
        const pick = <T>(arr: T[]) => order.map((i) => arr[i] as T);
        const y: FusionInput = {
          ...x,
          candidates: pick(x.candidates),
          scores: { b: pick(x.scores.b), a: pick(x.scores.a) },
          weights: { b: x.weights.b * 4, a: x.weights.a * 4 },
        };
        expect(inputDigest(y)).toBe(inputDigest(x));
        expect(fuse(y)).toEqual(fuse(x));
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
