import { describe, expect, it } from "vitest";
import type { FusionInput, FusionOutcome, Stacker, StackerExample } from "../../functions/lib/fusion/index.ts";
import { fuse, stackerFeatures, stackerLogLoss, trainStacker } from "../../functions/lib/fusion/index.ts";
import { mulberry32 } from "../../functions/lib/random.ts";

type Ok = Extract<FusionOutcome, { ok: true }>;
function ok(input: FusionInput): Ok {
  const out = fuse(input);
  if (!out.ok) throw new Error(`expected ok, got ${out.reason}`);
  return out;
}
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

// minmax a = [1, 0, 0.5], b = [0, 1, null]
const base: FusionInput = { candidates: [1, 2, 3], scores: { a: [4, 2, 3], b: [-1, 1, null] }, strategy: "stacked" };
const stacker: Stacker = { features: ["a", "b"], weights: [2, -1], bias: 0.5, version: "toy-1", trainedOn: 10 };

describe("fuse stacked", () => {
  it("scores sigmoid(bias + w . minmax features), missing as 0", () => {
    //   item1: 0.5 + 2*1   - 1*0 = 2.5  -> 0.9241
    //   item2: 0.5 + 2*0   - 1*1 = -0.5 -> 0.3775
    //   item3: 0.5 + 2*0.5 - 1*0 = 1.5  -> 0.8176 (b missing -> 0)
    const out = ok({ ...base, stacker });
    expect(out.strategy).toBe("stacked");
    expect(out.fallback).toBeUndefined();
    expect(out.items.map((it) => it.id)).toEqual([1, 3, 2]);
    expect(out.items[0]?.score).toBeCloseTo(sigmoid(2.5), 14);
    expect(out.items[1]?.score).toBeCloseTo(sigmoid(1.5), 14);
    expect(out.items[2]?.score).toBeCloseTo(sigmoid(-0.5), 14);
    expect(out.items[1]?.contributions.b).toEqual({ raw: null, normalized: null, weight: -1 });
  });

  it("uses missing indicators when the stacker has them", () => {
    // + missing:b weight -3: item3 z = 1.5 - 3 = -1.5 -> 0.1824, now last.
    const withIndicator: Stacker = { ...stacker, features: ["a", "b", "missing:b"], weights: [2, -1, -3] };
    const out = ok({ ...base, stacker: withIndicator });
    expect(out.items.map((it) => it.id)).toEqual([1, 2, 3]);
    expect(out.items[2]?.score).toBeCloseTo(sigmoid(-1.5), 14);
  });

  it("falls back to weighted, saying why, when untrained or mismatched", () => {
    const weighted = ok({ ...base, strategy: "weighted" });
    const cases: [Stacker | undefined, RegExp][] = [
      [undefined, /no stacker was supplied \(not trained\); used weighted/],
      [{ ...stacker, trainedOn: 0 }, /trained on 0 examples; used weighted/],
      [{ ...stacker, features: ["a", "c"] }, /features \[a, c\] do not match sources \[a, b\]; used weighted/],
      [{ ...stacker, features: ["a"], weights: [1] }, /do not match/],
    ];
    for (const [st, why] of cases) {
      const out = ok(st ? { ...base, stacker: st } : base);
      expect(out.strategy).toBe("weighted");
      expect(out.fallback).toMatch(why);
      expect(out.items).toEqual(weighted.items);
    }
  });
});

/** Separable toy: label 1 iff a > b, with some items missing b. */
function toyExamples(n: number, seed: number): StackerExample[] {
  const rng = mulberry32(seed);
  return Array.from({ length: n }, () => {
    const a = rng();
    const b = rng();
    const missing = rng() < 0.1;
    return { features: { a, b: missing ? null : b }, label: a > (missing ? 0.5 : b) ? 1 : 0 };
  });
}

describe("trainStacker", () => {
  const train = toyExamples(400, 1);
  const test = toyExamples(200, 2);
  const opts = { epochs: 60, lr: 0.5, l2: 1e-4, seed: 42 };

  it("learns a separable toy problem", () => {
    const st = trainStacker(train, opts);
    expect(st.features).toEqual(["a", "b", "missing:a", "missing:b"]);
    expect(st.trainedOn).toBe(400);
    expect(st.weights[0]).toBeGreaterThan(0);
    expect(st.weights[1]).toBeLessThan(0);
    const untrained = trainStacker(train, { ...opts, epochs: 0 });
    expect(stackerLogLoss(untrained, test)).toBeCloseTo(Math.log(2), 12);
    expect(stackerLogLoss(st, test)).toBeLessThan(0.25);
    const accuracy =
      test.filter((ex) => {
        const p = sigmoid(
          st.bias +
            (st.weights[0] ?? 0) * (ex.features.a ?? 0) +
            (st.weights[1] ?? 0) * (ex.features.b ?? 0) +
            (ex.features.b === null ? (st.weights[3] ?? 0) : 0),
        );
        return (p > 0.5 ? 1 : 0) === ex.label;
      }).length / test.length;
    expect(accuracy).toBeGreaterThan(0.9);
  });

  it("is deterministic for a seed and versioned by its coefficients", () => {
    const a = trainStacker(train, opts);
    expect(trainStacker(train, opts)).toEqual(a);
    const b = trainStacker(train, { ...opts, seed: 43 });
    expect(b.weights).not.toEqual(a.weights);
    expect(b.version).not.toBe(a.version);
    expect(a.version).toMatch(/^sgd-[0-9a-f]{16}$/);
    expect(trainStacker(train, { ...opts, version: "v7" }).version).toBe("v7");
    expect(trainStacker(train, { ...opts, missingIndicators: false }).features).toEqual(["a", "b"]);
  });

  it("serves what it trained on through fuse", () => {
    const candidates = [1, 2, 3, 4];
    const scores = { a: [0.9, 0.1, 0.6, 0.4], b: [0.1, 0.9, null, 0.5] };
    const st = trainStacker(train, opts);
    // Features for training come from the same minmax normalisation fuse applies.
    expect(stackerFeatures(candidates, scores)[2]).toEqual({ a: 1 - 0.3 / 0.8, b: null });
    const out = ok({ candidates, scores, strategy: "stacked", stacker: st });
    expect(out.strategy).toBe("stacked");
    expect(out.items[0]?.id).toBe(1);
    expect(out.items[out.items.length - 1]?.id).toBe(2);
  });

  it("rejects bad options and examples, and reports divergence", () => {
    expect(() => trainStacker(train, { ...opts, lr: 0 })).toThrow(/lr/);
    expect(() => trainStacker(train, { ...opts, epochs: 1.5 })).toThrow(/epochs/);
    expect(() => trainStacker([{ features: { a: Number.NaN }, label: 1 }], opts)).toThrow(/not finite/);
    expect(() => stackerLogLoss(stacker, [])).toThrow(/at least one/);
    const wild = [
      { features: { a: 1e300 }, label: 0 as const },
      { features: { a: -1e300 }, label: 1 as const },
    ];
    expect(() => trainStacker(wild, { ...opts, lr: 1e10 })).toThrow(/diverged/);
  });

  it("an untrained stacker makes fuse fall back", () => {
    const empty = trainStacker([], opts);
    expect(empty.trainedOn).toBe(0);
    expect(ok({ ...base, stacker: { ...empty, features: ["a", "b"], weights: [0, 0] } }).fallback).toMatch(/0 examples/);
  });
});
