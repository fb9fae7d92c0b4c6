import { describe, expect, it } from "vitest";
import type { FusionInput } from "../../functions/lib/fusion/index.ts";
import { FUSION_LIMITS, fuse } from "../../functions/lib/fusion/index.ts";

const base: FusionInput = { candidates: [1, 2, 3], scores: { a: [0.3, -0.2, null], b: [0.1, 0.2, 0.3] } };

/** fuse() on deliberately ill-typed input, the way an RPC payload can arrive. */
function reasonFor(input: unknown): string {
  const out = fuse(input as FusionInput);
  if (out.ok) throw new Error("expected invalid_input");
  expect(out.code).toBe("invalid_input");
  return out.reason;
}

describe("fuse validation", () => {
  it("rejects non-finite scores, naming the source and index", () => {
    expect(reasonFor({ ...base, scores: { ...base.scores, b: [0.1, Number.NaN, 0.3] } })).toMatch(/scores\.b\[1\] is NaN/);
    expect(reasonFor({ ...base, scores: { ...base.scores, a: [Number.POSITIVE_INFINITY, 0, 0] } })).toMatch(/scores\.a\[0\] is Infinity/);
    expect(reasonFor({ ...base, scores: { ...base.scores, a: [0, 0, Number.NEGATIVE_INFINITY] } })).toMatch(/scores\.a\[2\] is -Infinity/);
    expect(reasonFor({ ...base, scores: { ...base.scores, a: [0, "1", 0] } })).toMatch(/scores\.a\[1\] is string/);
    // A hole in a sparse array is as bad as undefined.
    const holey = Object.assign(new Array<number>(3), { 0: 0, 2: 0 });
    expect(reasonFor({ ...base, scores: { ...base.scores, a: holey } })).toMatch(/scores\.a\[1\] is undefined/);
  });

  it("accepts negative raw scores", () => {
    expect(fuse({ candidates: [1, 2], scores: { cos: [-0.9, -0.1] } }).ok).toBe(true);
  });

  it("rejects misaligned, missing or excess sources", () => {
    expect(reasonFor({ ...base, scores: { a: [1, 2] } })).toMatch(/scores\.a has 2 entries but there are 3 candidates/);
    expect(reasonFor({ ...base, scores: {} })).toMatch(/at least one source/);
    expect(reasonFor({ ...base, scores: [[1, 2, 3]] })).toMatch(/scores must be an object/);
    const many = Object.fromEntries(Array.from({ length: FUSION_LIMITS.maxSources + 1 }, (_, i) => [`s${i}`, [1, 2, 3]]));
    expect(reasonFor({ ...base, scores: many })).toMatch(/at most 16 sources/);
  });

  it("rejects bad candidates and bounds their number", () => {
    expect(reasonFor({ ...base, candidates: [1, 2, 1] })).toMatch(/candidates\[2\] duplicates id 1/);
    expect(reasonFor({ ...base, candidates: [1, 2.5, 3] })).toMatch(/candidates\[1\] is not a finite integer/);
    expect(reasonFor({ ...base, candidates: [1, Number.NaN, 3] })).toMatch(/candidates\[1\]/);
    expect(reasonFor({ ...base, candidates: "1,2,3" })).toMatch(/candidates must be an array/);
    expect(reasonFor({ ...base, candidates: Object.assign(new Array<number>(3), { 0: 1, 2: 3 }) })).toMatch(
      /candidates\[1\] is not a finite integer \(undefined\)/,
    );
    const n = FUSION_LIMITS.maxCandidates + 1;
    const huge = { candidates: Array.from({ length: n }, (_, i) => i), scores: { a: new Array<number>(n).fill(0) } };
    expect(reasonFor(huge)).toMatch(/at most 5000 candidates \(got 5001\)/);
    const atLimit = { candidates: huge.candidates.slice(1), scores: { a: huge.scores.a.slice(1) } };
    expect(fuse(atLimit).ok).toBe(true);
  });

  it("rejects negative, non-finite, all-zero and unknown weights; unnamed sources weigh 1", () => {
    expect(reasonFor({ ...base, weights: { a: -1 } })).toMatch(/weights\.a must be a finite number >= 0/);
    expect(reasonFor({ ...base, weights: { a: Number.POSITIVE_INFINITY } })).toMatch(/weights\.a/);
    expect(reasonFor({ ...base, weights: { a: 0, b: 0 } })).toMatch(/all zero/);
    expect(reasonFor({ ...base, weights: { a: 1, c: 1 } })).toMatch(/unknown source "c"/);
    const out = fuse({ ...base, weights: { a: 3 } });
    expect(out.ok && out.weights).toEqual({ a: 0.75, b: 0.25 });
    const huge = fuse({ ...base, weights: { a: 1.5e308, b: 1.5e308 } });
    expect(huge.ok && huge.weights).toEqual({ a: 0.5, b: 0.5 });
  });

  it("rejects unknown options and out-of-range k / rrfK", () => {
    expect(reasonFor({ ...base, strategy: "borda" })).toMatch(/strategy must be one of/);
    expect(reasonFor({ ...base, normalization: "l2" })).toMatch(/normalization must be one of/);
    expect(reasonFor({ ...base, missing: "drop" })).toMatch(/missing must be one of/);
    expect(reasonFor({ ...base, k: 0 })).toMatch(/k must be an integer in 1\.\.1000/);
    expect(reasonFor({ ...base, k: 1001 })).toMatch(/k must be/);
    expect(reasonFor({ ...base, rrfK: -1 })).toMatch(/rrfK/);
    expect(reasonFor(null)).toMatch(/input must be an object/);
  });

  it("rejects a malformed stacker instead of silently falling back", () => {
    const stacker = { features: ["a", "b"], weights: [1, Number.NaN], bias: 0, version: "v", trainedOn: 3 };
    expect(reasonFor({ ...base, strategy: "stacked", stacker })).toMatch(/stacker\.weights\[1\]/);
    expect(reasonFor({ ...base, stacker: { ...stacker, weights: [1] } })).toMatch(/align/);
  });

  it("never throws on hostile source names", () => {
    const out = fuse(JSON.parse('{"candidates":[1],"scores":{"__proto__":[1]},"weights":{"__proto__":2}}') as FusionInput);
    expect(out.ok).toBe(true);
    if (out.ok) expect(Object.hasOwn(out.items[0]?.contributions ?? {}, "__proto__")).toBe(true);
  });
});
