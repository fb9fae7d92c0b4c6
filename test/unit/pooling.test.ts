import { describe, expect, it } from "vitest";
import { historyWeight, l2normalize, meanPool, NEUTRAL_RATING, weightedMeanPool } from "../../functions/lib/pooling.ts";

const arr = (v: Float32Array): number[] => Array.from(v, (x) => Number(x.toFixed(6)));

describe("historyWeight", () => {
  it("prefers an explicit weight, then the rating, then 1", () => {
    expect(historyWeight({ weight: 0.25, rating: 5 })).toBe(0.25);
    expect(historyWeight({ rating: 5 })).toBe(5 - NEUTRAL_RATING);
    expect(historyWeight({ rating: NEUTRAL_RATING })).toBe(0);
    expect(historyWeight({ rating: 1 })).toBeLessThan(0);
    expect(historyWeight({})).toBe(1);
  });
  it("rejects non-finite input instead of producing NaN vectors", () => {
    expect(() => historyWeight({ rating: Number.NaN })).toThrow(RangeError);
    expect(() => historyWeight({ weight: Number.POSITIVE_INFINITY })).toThrow(RangeError);
  });
});

describe("l2normalize", () => {
  it("scales to unit length in place", () => {
    const v = new Float32Array([3, 4]);
    expect(l2normalize(v)).toBe(v);
    expect(arr(v)).toEqual([0.6, 0.8]);
  });
  it("leaves a zero vector at zero", () => {
    expect(arr(l2normalize(new Float32Array(3)))).toEqual([0, 0, 0]);
  });
});

describe("meanPool", () => {
  it("averages only unmasked positions per batch row", () => {
    // batch 2, seq 3, dims 2; row 1 has one padded position whose huge values must be ignored.
    const hidden = new Float32Array([1, 2, 3, 4, 5, 6, 10, 20, 30, 40, 999, 999]);
    const mask = new BigInt64Array([1n, 1n, 1n, 1n, 1n, 0n]);
    const [a, b] = meanPool(hidden, mask, 2, 3, 2);
    expect(arr(a as Float32Array)).toEqual([3, 4]);
    expect(arr(b as Float32Array)).toEqual([20, 30]);
  });
  it("returns zeros for a fully masked row and checks sizes", () => {
    const [a] = meanPool(new Float32Array([1, 1]), new BigInt64Array([0n]), 1, 1, 2);
    expect(arr(a as Float32Array)).toEqual([0, 0]);
    expect(() => meanPool(new Float32Array(3), new BigInt64Array(1), 1, 1, 2)).toThrow(RangeError);
  });
});

describe("weightedMeanPool", () => {
  it("normalises inputs first so a long vector does not dominate", () => {
    const v = weightedMeanPool([new Float32Array([100, 0]), new Float32Array([0, 1])], [1, 1]);
    expect(arr(v)).toEqual([0.707107, 0.707107]);
  });
  it("lets a negative weight push away", () => {
    const v = weightedMeanPool([new Float32Array([1, 0]), new Float32Array([0.6, 0.8])], [2, -1]);
    // 2*(1,0) - (0.6,0.8) = (1.4,-0.8), normalised.
    const n = Math.hypot(1.4, 0.8);
    expect(arr(v)).toEqual([Number((1.4 / n).toFixed(6)), Number((-0.8 / n).toFixed(6))]);
  });
  it("does not mutate its inputs and rejects mismatched or empty input", () => {
    const input = new Float32Array([3, 4]);
    weightedMeanPool([input], [1]);
    expect(Array.from(input)).toEqual([3, 4]);
    expect(() => weightedMeanPool([], [])).toThrow(RangeError);
    expect(() => weightedMeanPool([input], [1, 2])).toThrow(RangeError);
    expect(() => weightedMeanPool([input, new Float32Array(3)], [1, 1])).toThrow(RangeError);
  });
});
