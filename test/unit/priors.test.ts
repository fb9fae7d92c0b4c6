import { describe, expect, it } from "vitest";
import type { Rating } from "../../functions/lib/catalog.ts";
import { blendPriors, computePriors, type PriorAggregate, type PriorConfig } from "../../functions/lib/priors.ts";

const DAY = 86_400;
const CONFIG: PriorConfig = { halfLifeDays: 1, pseudoRatings: 2, engagement: { view: 0.1, click: 0.5, like: 1, skip: 0 } };
const r = (userId: number, movieId: number, rating: number, day: number): Rating => ({ userId, movieId, rating, timestamp: day * DAY });
// item 1: 4 (two days ago... one day before the newest) and 5 (newest); item 2: 3 (newest). Global mean 12 / 3 = 4.
const RATINGS = [r(1, 1, 4, 2), r(2, 1, 5, 3), r(1, 2, 3, 3)];
const agg = (itemId: number, over: Partial<PriorAggregate> = {}): PriorAggregate => ({
  itemId,
  views: 0,
  clicks: 0,
  likes: 0,
  skips: 0,
  ratingSum: 0,
  ratingCount: 0,
  lastSeen: 3 * DAY * 1000,
  ...over,
});

describe("computePriors", () => {
  it("matches hand-computed popularity, trending and shrunk rating from ratings alone", () => {
    const t = computePriors(RATINGS, [], CONFIG);
    expect(t.asOf).toBe(3 * DAY);
    expect(t.ids).toEqual([1, 2]);
    expect(t.globalMean).toBe(4);
    expect(t.popularity[0]).toBeCloseTo(Math.log(3), 12); // 2 interactions
    expect(t.popularity[1]).toBeCloseTo(Math.log(2), 12);
    expect(t.trending[0]).toBeCloseTo(Math.log(2.5), 12); // 1 + 2^(-1 day / 1 day)
    expect(t.trending[1]).toBeCloseTo(Math.log(2), 12);
    expect(t.rating[0]).toBeCloseTo((2 * 4 + 9) / (2 + 2), 12); // 4.25: shrunk from 4.5 toward 4
    expect(t.rating[1]).toBeCloseTo((2 * 4 + 3) / (2 + 1), 12); // 3.667: shrunk from 3 toward 4
  });

  it("adds feedback aggregates: engagement-weighted interactions, their ratings, and a null rating for never-rated items", () => {
    const t = computePriors(
      RATINGS,
      [agg(3, { views: 10, clicks: 2, likes: 1, skips: 5 }), agg(2, { ratingSum: 5, ratingCount: 1 })],
      CONFIG,
    );
    expect(t.ids).toEqual([1, 2, 3]);
    expect(t.globalMean).toBe(17 / 4);
    expect(t.popularity[2]).toBeCloseTo(Math.log(4), 12); // 10 x 0.1 + 2 x 0.5 + 1 x 1 + 5 x 0 = 3
    expect(t.trending[2]).toBeCloseTo(Math.log(4), 12); // seen at asOf: no decay
    expect(t.rating[2]).toBeNull();
    expect(t.popularity[1]).toBeCloseTo(Math.log(3), 12);
    expect(t.rating[1]).toBeCloseTo((2 * 4.25 + 8) / 4, 12); // 4.125
    expect(t.rating[0]).toBeCloseTo((2 * 4.25 + 9) / 4, 12); // 4.375: the global mean moved
  });

  it("decays from an explicit asOf and uses the newest input when none is given", () => {
    const later = computePriors(RATINGS, [], CONFIG, 4 * DAY);
    expect(later.trending[1]).toBeCloseTo(Math.log(1.5), 12);
    expect(computePriors(RATINGS, [agg(9, { likes: 1, lastSeen: 10 * DAY * 1000 })], CONFIG).asOf).toBe(10 * DAY);
  });

  it("versions by exactly its inputs", () => {
    const base = computePriors(RATINGS, [agg(3, { likes: 1 }), agg(2, { views: 1 })], CONFIG).version;
    expect(computePriors(RATINGS, [agg(2, { views: 1 }), agg(3, { likes: 1 })], CONFIG).version).toBe(base);
    expect(computePriors(RATINGS, [agg(3, { likes: 2 }), agg(2, { views: 1 })], CONFIG).version).not.toBe(base);
    expect(computePriors([...RATINGS, r(3, 2, 1, 1)], [agg(3, { likes: 1 }), agg(2, { views: 1 })], CONFIG).version).not.toBe(base);
    expect(computePriors(RATINGS, [agg(3, { likes: 1 }), agg(2, { views: 1 })], { ...CONFIG, pseudoRatings: 3 }).version).not.toBe(base);
  });

  it("rejects non-finite or negative aggregates and a bad config", () => {
    expect(() => computePriors(RATINGS, [agg(1, { views: Number.NaN })], CONFIG)).toThrow(/views/);
    expect(() => computePriors(RATINGS, [agg(1, { likes: -1 })], CONFIG)).toThrow(/negative/);
    expect(() => computePriors(RATINGS, [], { ...CONFIG, halfLifeDays: 0 })).toThrow(/halfLifeDays/);
  });
});

describe("blendPriors", () => {
  it("is the weighted mean of minmax-normalised priors over the priors each item has", () => {
    const t = computePriors(RATINGS, [agg(3, { likes: 1 })], CONFIG);
    // popularity: ln3, ln2, ln2 -> 1, 0, 0. rating: 4.25, 3.667, null -> 1, 0, null.
    const both = blendPriors(t, { popularity: 3, rating: 1 });
    expect(Array.from(both.scores)).toEqual([1, 0, 0]);
    expect(both.weights).toEqual({ popularity: 0.75, rating: 0.25 });
    expect(both.normalized.rating).toEqual([1, 0, null]);
    // trending: ln2.5, ln2, ln2 -> 1, 0, 0; rating only where rated, so item 3 is judged by trending alone.
    const mixed = blendPriors(computePriors(RATINGS, [agg(3, { likes: 9 })], CONFIG), { trending: 1, rating: 1 });
    // trending ln2.5, ln2, ln10 -> (ln2.5 - ln2) / (ln10 - ln2), 0, 1
    const t0 = (Math.log(2.5) - Math.log(2)) / (Math.log(10) - Math.log(2));
    expect(mixed.scores[0]).toBeCloseTo((t0 + 1) / 2, 12);
    expect(mixed.scores[1]).toBeCloseTo(0, 12);
    expect(mixed.scores[2]).toBeCloseTo(1, 12);
    expect(() => blendPriors(t, { trending: 0 })).toThrow(/positive weight/);
    expect(() => blendPriors(t, { trending: -1 })).toThrow(/finite number >= 0/);
  });
});
