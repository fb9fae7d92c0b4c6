import { describe, expect, it } from "vitest";
import { DEFAULT_PROFILE_CONFIG, mergeWeights, validateProfile } from "../../functions/fusion/profile-rules.ts";

describe("validateProfile", () => {
  it("accepts the code default", () => {
    expect(validateProfile(DEFAULT_PROFILE_CONFIG)).toEqual({ ok: true, config: DEFAULT_PROFILE_CONFIG });
  });

  it("keeps only the fields given, canonical", () => {
    expect(validateProfile({ weights: { query: 2, popularity: 0 }, strategy: "rrf", rrfK: 30 })).toEqual({
      ok: true,
      config: { weights: { query: 2, popularity: 0 }, strategy: "rrf", rrfK: 30 },
    });
  });

  it.each([
    ["not an object", [], /must be an object/],
    ["no weights", { strategy: "weighted" }, /weights must be an object/],
    ["empty weights", { weights: {} }, /at least one source/],
    ["an unknown source", { weights: { query: 1, magic: 1 } }, /unknown source "magic"/],
    ["a negative weight", { weights: { query: -1 } }, /weights.query must be a finite number >= 0/],
    ["a NaN weight", { weights: { query: Number.NaN } }, /weights.query/],
    ["an infinite weight", { weights: { collab: Number.POSITIVE_INFINITY } }, /weights.collab/],
    ["a string weight", { weights: { collab: "1" } }, /weights.collab/],
    ["all-zero weights", { weights: { query: 0, collab: 0 } }, /all zero/],
    ["an unknown strategy", { weights: { query: 1 }, strategy: "magic" }, /strategy must be one of/],
    ["an unknown normalization", { weights: { query: 1 }, normalization: "l2" }, /normalization must be one of/],
    ["a negative rrfK", { weights: { query: 1 }, rrfK: -1 }, /rrfK/],
    ["an unknown field", { weights: { query: 1 }, colour: "red" }, /unknown profile field "colour"/],
  ])("rejects %s with a reason", (_, input, reason) => {
    const check = validateProfile(input);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toMatch(reason);
  });
});

describe("mergeWeights", () => {
  it("keeps the profile's weights for present sources and lets the request override them", () => {
    const profile = { query: 1, collab: 2, popularity: 0.2 };
    expect(mergeWeights(profile, undefined, ["collab", "popularity"])).toEqual({ collab: 2, popularity: 0.2 });
    expect(mergeWeights(profile, { collab: 0.5 }, ["collab", "popularity", "trending"])).toEqual({ collab: 0.5, popularity: 0.2 });
  });

  it("passes request names through unchanged so the library can reject an unknown one", () => {
    expect(mergeWeights({}, { nope: 1 }, ["query"])).toEqual({ nope: 1 });
  });
});
