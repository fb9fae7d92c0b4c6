import { describe, expect, it } from "vitest";
import { mergeAggregates } from "../../functions/edge/feedback/aggregates.ts";
import { examplesOf, labelOf } from "../../functions/edge/feedback/learn.ts";

describe("labelOf", () => {
  it.each([
    ["like", null, 1],
    ["click", null, 1],
    ["skip", null, 0],
    ["view", null, null],
    ["rating", 4, 1],
    ["rating", 5, 1],
    ["rating", 3.5, null],
    ["rating", 2.5, 0],
    ["rating", 0.5, 0],
  ] as const)("%s %s -> %s", (type, value, label) => {
    expect(labelOf({ type, value })).toBe(label);
  });
});

describe("examplesOf", () => {
  it("keeps labelled events that carry per-source scores", () => {
    const ex = examplesOf([
      { type: "like", value: null, scores: { collab: 0.9 } },
      { type: "like", value: null, scores: null },
      { type: "view", value: null, scores: { collab: 0.1 } },
      { type: "rating", value: 1, scores: { content: 0.2, query: null } },
    ]);
    expect(ex).toEqual([
      { scores: { collab: 0.9 }, label: 1 },
      { scores: { content: 0.2, query: null }, label: 0 },
    ]);
  });
});

describe("mergeAggregates", () => {
  it("sums counts, weights mean ratings by their count and keeps the latest lastSeen", () => {
    const row = { views: 0, clicks: 0, likes: 0, skips: 0, ratings: 0, meanRating: null, lastSeen: 0 };
    const merged = mergeAggregates([
      [
        { ...row, itemId: 2, views: 3, ratings: 1, meanRating: 5, lastSeen: 10 },
        { ...row, itemId: 1, likes: 1, lastSeen: 5 },
      ],
      [{ ...row, itemId: 2, clicks: 2, ratings: 3, meanRating: 3, lastSeen: 7 }],
    ]);
    expect(merged).toEqual([
      { ...row, itemId: 1, likes: 1, lastSeen: 5 },
      { ...row, itemId: 2, views: 3, clicks: 2, ratings: 4, meanRating: (5 + 9) / 4, lastSeen: 10 },
    ]);
  });
});
