import { describe, expect, it } from "vitest";
import { ndcgAtK, recallAtK, reciprocalRank, topK } from "../../functions/lib/metrics.ts";

// Ranking [10, 20, 30, 40, 50] with relevant {20, 50, 99}: hits at positions 2 and 5, one relevant item never retrieved.
const ranked = [10, 20, 30, 40, 50];
const relevant = new Set([20, 50, 99]);

describe("recallAtK", () => {
  it("counts hits in the first k over all relevant items", () => {
    expect(recallAtK(ranked, relevant, 1)).toBe(0);
    expect(recallAtK(ranked, relevant, 2)).toBeCloseTo(1 / 3, 12);
    expect(recallAtK(ranked, relevant, 5)).toBeCloseTo(2 / 3, 12);
    expect(recallAtK(ranked, relevant, 100)).toBeCloseTo(2 / 3, 12);
  });
  it("is 0 with nothing relevant", () => {
    expect(recallAtK(ranked, new Set(), 5)).toBe(0);
  });
});

describe("ndcgAtK", () => {
  it("matches a hand-computed value", () => {
    // DCG@5 = 1/log2(3) + 1/log2(6) = 0.63093 + 0.38685; IDCG@5 (3 relevant) = 1 + 1/log2(3) + 1/log2(4) = 2.13093.
    expect(ndcgAtK(ranked, relevant, 5)).toBeCloseTo((1 / Math.log2(3) + 1 / Math.log2(6)) / (1 + 1 / Math.log2(3) + 0.5), 12);
    expect(ndcgAtK(ranked, relevant, 5)).toBeCloseTo(0.477622, 5);
  });
  it("caps the ideal list at k", () => {
    // k=2: DCG = 1/log2(3) = 0.63093, IDCG = 1 + 0.63093.
    expect(ndcgAtK(ranked, relevant, 2)).toBeCloseTo(0.386853, 5);
  });
  it("is 1 for a perfect list and 0 with no hit", () => {
    expect(ndcgAtK([1, 2, 3], new Set([1, 2]), 3)).toBe(1);
    expect(ndcgAtK([1, 2, 3], new Set([9]), 3)).toBe(0);
  });
});

describe("reciprocalRank", () => {
  it("uses the first relevant position", () => {
    expect(reciprocalRank(ranked, relevant)).toBe(0.5);
    expect(reciprocalRank(ranked, new Set([50]))).toBe(0.2);
    expect(reciprocalRank(ranked, new Set([50]), 4)).toBe(0);
    expect(reciprocalRank(ranked, new Set([7]))).toBe(0);
  });
});

describe("topK", () => {
  it("orders by score, breaks ties by index, honours exclusions", () => {
    expect(topK([0.1, 0.9, 0.5, 0.9], 3)).toEqual([1, 3, 2]);
    expect(topK([0.1, 0.9, 0.5, 0.9], 2, new Set([1]))).toEqual([3, 2]);
  });
});
