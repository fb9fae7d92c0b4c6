import { describe, expect, it } from "vitest";
import type { FusionInput, FusionOutcome } from "../../functions/lib/fusion/index.ts";
import { fuse, normalizeColumn } from "../../functions/lib/fusion/index.ts";

type Ok = Extract<FusionOutcome, { ok: true }>;
function ok(input: FusionInput): Ok {
  const out = fuse(input);
  if (!out.ok) throw new Error(`expected ok, got ${out.reason}`);
  return out;
}
const ranked = (o: Ok) => o.items.map((it) => [it.id, it.score]);

// Shared toy input: raw values chosen so every normalised value is exact in binary.
//   a = [4, 2, 3]    -> minmax (x - 2) / 2       = [1, 0, 0.5]
//   b = [-1, 1, null] -> minmax (x + 1) / 2      = [0, 1, null]   (negative raw scores are legitimate)
const base: FusionInput = { candidates: [1, 2, 3], scores: { a: [4, 2, 3], b: [-1, 1, null] } };

describe("normalizeColumn", () => {
  it("minmax maps to [0, 1] and a constant column to 1", () => {
    expect(normalizeColumn([4, 2, 3, null], "minmax")).toEqual([1, 0, 0.5, null]);
    expect(normalizeColumn([7, null, 7], "minmax")).toEqual([1, null, 1]);
    expect(normalizeColumn([-5], "minmax")).toEqual([1]);
  });

  it("minmax stays finite when max - min overflows", () => {
    expect(normalizeColumn([1.7e308, -1.7e308, 0], "minmax")).toEqual([1, 0, 0.5]);
  });

  it("zscore uses the population std; a constant column maps to 0", () => {
    // [1, 2, 3]: mean 2, std sqrt(2/3) = 0.8165 -> z = [-1.2247, 0, 1.2247]
    const z = normalizeColumn([1, 2, 3, null], "zscore");
    expect(z[0]).toBeCloseTo(-Math.sqrt(1.5), 12);
    expect(z[1]).toBeCloseTo(0, 12);
    expect(z[2]).toBeCloseTo(Math.sqrt(1.5), 12);
    expect(z[3]).toBeNull();
    expect(normalizeColumn([3, 3], "zscore")).toEqual([0, 0]);
    expect(normalizeColumn([1e308, -1e308], "zscore")).toEqual([1, -1]);
  });

  it("rank is 1 - r/(n-1) with tied items sharing the better rank", () => {
    // [10, 30, 20, 30]: ranks desc 30,30 -> 0,0; 20 -> 2; 10 -> 3; n = 4 -> [1 - 3/3, 1, 1 - 2/3, 1]
    expect(normalizeColumn([10, 30, 20, 30], "rank")).toEqual([0, 1, 1 - 2 / 3, 1]);
    expect(normalizeColumn([null, 5], "rank")).toEqual([null, 1]);
  });
});

describe("fuse weighted", () => {
  it("renormalises over the sources that scored an item (default)", () => {
    // weights a:3, b:1 -> 0.75, 0.25
    //   item 1: 0.75*1 + 0.25*0            = 0.75
    //   item 2: 0.75*0 + 0.25*1            = 0.25
    //   item 3: (0.75*0.5) / 0.75 (b absent) = 0.5
    const out = ok({ ...base, weights: { a: 3, b: 1 } });
    expect(out.strategy).toBe("weighted");
    expect(out.weights).toEqual({ a: 0.75, b: 0.25 });
    expect(ranked(out)).toEqual([
      [1, 0.75],
      [3, 0.5],
      [2, 0.25],
    ]);
    expect(out.items[1]?.contributions).toEqual({
      a: { raw: 3, normalized: 0.5, weight: 1 },
      b: { raw: null, normalized: null, weight: 0 },
    });
    expect(out.items.map((it) => it.rank)).toEqual([1, 2, 3]);
  });

  it("missing = zero counts an absent score as 0 at full weight", () => {
    //   item 3: 0.75*0.5 + 0.25*0 = 0.375
    const out = ok({ ...base, weights: { a: 3, b: 1 }, missing: "zero" });
    expect(ranked(out)).toEqual([
      [1, 0.75],
      [3, 0.375],
      [2, 0.25],
    ]);
    expect(out.items[1]?.contributions.b).toEqual({ raw: null, normalized: null, weight: 0.25 });
  });

  it("breaks exact ties by id, independent of candidate order", () => {
    // Equal weights 0.5/0.5: item 1 = 0.5, item 2 = 0.5, item 3 = 0.5/0.5*0.5 = 0.5 -> a three-way tie.
    expect(ranked(ok(base))).toEqual([
      [1, 0.5],
      [2, 0.5],
      [3, 0.5],
    ]);
    const shuffled = ok({ candidates: [3, 1, 2], scores: { a: [3, 4, 2], b: [null, -1, 1] } });
    expect(ranked(shuffled)).toEqual([
      [1, 0.5],
      [2, 0.5],
      [3, 0.5],
    ]);
    // Under "zero", item 3 drops to 0.25 and items 1, 2 still tie at 0.5.
    expect(ranked(ok({ ...base, missing: "zero" }))).toEqual([
      [1, 0.5],
      [2, 0.5],
      [3, 0.25],
    ]);
  });

  it("a cold item known to one source is not punished to zero under renormalize", () => {
    const input: FusionInput = { candidates: [1, 2, 3], scores: { collab: [0.9, 0.1, null], text: [0.2, 0.1, 0.3] } };
    // text minmax: [0.5, 0, 1]; collab: [1, 0, null]
    //   renormalize: item 3 = 1 (text only) ; zero: item 3 = 0.5*1 + 0.5*0 = 0.5
    expect(ok(input).items[0]?.id).toBe(3);
    expect(ok({ ...input, missing: "zero" }).items.find((it) => it.id === 3)?.score).toBe(0.5);
  });

  it("handles a single source and a single candidate", () => {
    expect(ranked(ok({ candidates: [9, 8], scores: { only: [-0.5, -0.25] } }))).toEqual([
      [8, 1],
      [9, 0],
    ]);
    expect(ranked(ok({ candidates: [5], scores: { only: [-3] } }))).toEqual([[5, 1]]);
    expect(ok({ candidates: [], scores: { only: [] } }).items).toEqual([]);
  });

  it("uses zscore and rank normalisation when asked", () => {
    // zscore a: [1.2247, -1.2247, 0]; b: [-1, 1, null] -> item 1 = 0.1124, item 2 = -0.1124, item 3 = 0
    const z = ok({ ...base, normalization: "zscore" });
    expect(z.items.map((it) => it.id)).toEqual([1, 3, 2]);
    expect(z.items[0]?.score).toBeCloseTo((Math.sqrt(1.5) - 1) / 2, 12);
    // rank a: [1, 0, 0.5]; b: [0, 1, null] -> identical to minmax here
    expect(ranked(ok({ ...base, normalization: "rank" }))).toEqual([
      [1, 0.5],
      [2, 0.5],
      [3, 0.5],
    ]);
  });

  it("a zero-weighted source neither helps nor hurts; an item only it scored gets 0", () => {
    const out = ok({ ...base, weights: { a: 0, b: 1 } });
    // b only: item 2 = 1, item 1 = 0, item 3 scored only by a (weight 0) -> 0
    expect(ranked(out)).toEqual([
      [2, 1],
      [1, 0],
      [3, 0],
    ]);
  });

  it("truncates to k", () => {
    expect(ok({ ...base, weights: { a: 3, b: 1 }, k: 2 }).items.map((it) => it.id)).toEqual([1, 3]);
  });
});
