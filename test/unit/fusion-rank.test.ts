import { describe, expect, it } from "vitest";
import type { FusionInput, FusionOutcome } from "../../functions/lib/fusion/index.ts";
import { competitionRanks, fuse } from "../../functions/lib/fusion/index.ts";

type Ok = Extract<FusionOutcome, { ok: true }>;
function ok(input: FusionInput): Ok {
  const out = fuse(input);
  if (!out.ok) throw new Error(`expected ok, got ${out.reason}`);
  return out;
}

// a = [4, 2, 3]     -> 1-based ranks: item1 1, item3 2, item2 3
// b = [-1, 1, null] -> item2 1, item1 2, item3 unscored
const base: FusionInput = { candidates: [1, 2, 3], scores: { a: [4, 2, 3], b: [-1, 1, null] } };

describe("competitionRanks", () => {
  it("ranks by score desc, ties share the better rank, nulls stay null", () => {
    expect(competitionRanks([10, 30, null, 20, 30])).toEqual([3, 0, null, 2, 0]);
  });
});

describe("fuse rrf", () => {
  it("sums w / (rrfK + rank) over the sources that scored the item", () => {
    // equal weights 0.5, rrfK 60:
    //   item1 = 0.5/61 + 0.5/62 ; item2 = 0.5/63 + 0.5/61 ; item3 = 0.5/62
    const out = ok({ ...base, strategy: "rrf" });
    expect(out.strategy).toBe("rrf");
    expect(out.items.map((it) => it.id)).toEqual([1, 2, 3]);
    expect(out.items[0]?.score).toBeCloseTo(0.5 / 61 + 0.5 / 62, 15);
    expect(out.items[1]?.score).toBeCloseTo(0.5 / 63 + 0.5 / 61, 15);
    expect(out.items[2]?.score).toBeCloseTo(0.5 / 62, 15);
    expect(out.items[2]?.contributions.b).toEqual({ raw: null, normalized: null, weight: 0.5 });
    expect(out.items[0]?.contributions.a?.normalized).toBeCloseTo(1 / 61, 15);
  });

  it("honours rrfK and weights", () => {
    // rrfK 0, weights a:1 b:3 -> 0.25 / 0.75:
    //   item1 = .25/1 + .75/2 = .625 ; item2 = .25/3 + .75/1 = .8333 ; item3 = .25/2 = .125
    const out = ok({ ...base, strategy: "rrf", rrfK: 0, weights: { a: 1, b: 3 } });
    expect(out.items.map((it) => it.id)).toEqual([2, 1, 3]);
    expect(out.items[0]?.score).toBeCloseTo(0.25 / 3 + 0.75, 15);
    expect(out.items[1]?.score).toBe(0.625);
    expect(out.items[2]?.score).toBe(0.125);
  });

  it("gives tied raw scores the same rank and breaks the fused tie by id", () => {
    // a = [5, 5]: both rank 1 -> equal scores 1/61 -> id order.
    const out = ok({ candidates: [20, 10], scores: { a: [5, 5] }, strategy: "rrf" });
    expect(out.items.map((it) => [it.id, it.score])).toEqual([
      [10, 1 / 61],
      [20, 1 / 61],
    ]);
  });
});

describe("fuse vote", () => {
  it("is a weighted Borda count of m - rank points", () => {
    // a (m=3): item1 3, item3 2, item2 1 ; b (m=2): item2 2, item1 1
    //   item1 = .5*(3+1) = 2 ; item2 = .5*(1+2) = 1.5 ; item3 = .5*2 = 1
    const out = ok({ ...base, strategy: "vote" });
    expect(out.items.map((it) => [it.id, it.score])).toEqual([
      [1, 2],
      [2, 1.5],
      [3, 1],
    ]);
    expect(out.items[0]?.contributions).toEqual({
      a: { raw: 4, normalized: 3, weight: 0.5 },
      b: { raw: -1, normalized: 1, weight: 0.5 },
    });
  });

  it("is fooled by neither score scale nor a single source", () => {
    // One source with wildly scaled scores: only the order matters. m=3 -> 3, 2, 1 points.
    const out = ok({ candidates: [1, 2, 3], scores: { s: [1e300, -1e300, 0] }, strategy: "vote" });
    expect(out.items.map((it) => [it.id, it.score])).toEqual([
      [1, 3],
      [3, 2],
      [2, 1],
    ]);
  });
});
