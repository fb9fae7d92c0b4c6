import { describe, expect, it } from "vitest";
import { blend, clip, l2norm } from "../../functions/lib/federated/vector.ts";

describe("clip", () => {
  it("scales a long update down to the clip norm (3-4-5 triangle)", () => {
    expect(l2norm([3, 4])).toBe(5);
    const c = clip([3, 4], 1);
    expect(c[0]).toBeCloseTo(0.6, 12);
    expect(c[1]).toBeCloseTo(0.8, 12);
    expect(l2norm(c)).toBeCloseTo(1, 12);
  });

  it("leaves an update within the norm unchanged, as a copy", () => {
    const u = [0.3, 0.4];
    const c = clip(u, 1);
    expect(c).toEqual([0.3, 0.4]);
    expect(c).not.toBe(u);
  });

  it("rejects a non-positive clip norm", () => {
    expect(() => clip([1], 0)).toThrow(RangeError);
    expect(() => clip([1], Number.NaN)).toThrow(RangeError);
  });
});

describe("blend", () => {
  it("moves eta of the way toward the global parameters", () => {
    expect(blend([1, 2], [3, 6], 0.5)).toEqual([2, 4]);
    expect(blend([1, 2], [3, 6], 0)).toEqual([1, 2]);
    expect(blend([1, 2], [3, 6], 1)).toEqual([3, 6]);
    expect(blend([0], [10], 0.25)).toEqual([2.5]);
  });

  it("rejects eta outside [0, 1] and mismatched lengths", () => {
    expect(() => blend([1], [2], 1.5)).toThrow(RangeError);
    expect(() => blend([1], [2, 3], 0.5)).toThrow(RangeError);
  });
});
