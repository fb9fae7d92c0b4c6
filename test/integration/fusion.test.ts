import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { DEFAULT_PROFILE_CONFIG } from "../../functions/fusion/profile-rules.ts";
import { recommend } from "./helpers.ts";

const PRIORS = ["popularity", "trending", "rating"];

describe("fusion worker: priors join the fusion", () => {
  it("adds popularity, trending and rating to every recommendation (explain shows them)", async () => {
    const body = await recommend({ query: "animated children adventure", k: 5, explain: true });
    expect(body.degraded).toBe(false);
    expect(Object.keys(body.weights)).toEqual(expect.arrayContaining(["query", ...PRIORS]));
    for (const item of body.items) expect(Object.keys(item.explain ?? {})).toEqual(expect.arrayContaining(["query", ...PRIORS]));
    // Code-default profile (tuned by `npm run eval`), normalised to sum 1 over the sources this request has.
    const w = DEFAULT_PROFILE_CONFIG.weights;
    const total = ["query", ...PRIORS].reduce((sum, s) => sum + (w[s] ?? 0), 0);
    expect(body.weights.query).toBeCloseTo((w.query ?? 0) / total, 9);
    expect(body.weights.popularity).toBeCloseTo((w.popularity ?? 0) / total, 9);
  });

  it("scores an item nobody has rated as unpopular and average, not as unknown, and leaves priors out when asked", async () => {
    const input = { candidates: [356, 999_999_001], scores: { query: [0.2, 0.9] }, k: 2 };
    const withPriors = await env.FUSION.fuse(input);
    expect(withPriors.ok).toBe(true);
    if (!withPriors.ok) return;
    const unrated = withPriors.items.find((i) => i.id === 999_999_001)?.contributions;
    expect(unrated?.popularity?.raw).toBe(0);
    expect(unrated?.trending?.raw).toBe(0);
    expect(unrated?.rating?.raw).toBeGreaterThan(3);
    expect(unrated?.rating?.raw).toBeLessThan(4);
    expect(withPriors.items.find((i) => i.id === 356)?.contributions.popularity?.raw).toBeGreaterThan(5); // Forrest Gump: ~340 ratings
    expect(withPriors.centre?.priorsVersion).toMatch(/^pr1:/);
    const without = await env.FUSION.fuse({ ...input, priors: false });
    expect(without.ok && Object.keys(without.weights)).toEqual(["query"]);
    expect(without.centre?.priorsVersion).toBeNull();
  });

  it("rejects a request that names a prior as its own source, or weighs all of its own sources zero", async () => {
    const out = await env.FUSION.fuse({ candidates: [1], scores: { popularity: [1] } });
    expect(out).toMatchObject({ ok: false, code: "invalid_input", reason: expect.stringMatching(/reserved/) });
    const zero = await env.FUSION.fuse({ candidates: [1], scores: { query: [1] }, weights: { query: 0 } });
    expect(zero).toMatchObject({ ok: false, code: "invalid_input", reason: "weights are all zero" });
  });
});

describe("fusion worker: fused-result cache", () => {
  const base = {
    candidates: [1, 2, 3, 4],
    scores: { query: [0.4, 0.3, 0.2, 0.1], collab: [0.1, 0.2, 0.3, null] },
    k: 3,
    models: { text: "a", cf: "b" },
  };

  it("hits for an identical request and misses when weights, model versions or the priors flag change", async () => {
    const first = await env.FUSION.fuse(base);
    const again = await env.FUSION.fuse({ ...base, candidates: [...base.candidates] });
    expect(first.centre?.cached).toBe(false);
    expect(again.centre?.cached).toBe(true);
    expect(again.ok && again.items).toEqual(first.ok && first.items);
    // Key order of the model versions does not matter; their values do.
    expect((await env.FUSION.fuse({ ...base, models: { cf: "b", text: "a" } })).centre?.cached).toBe(true);
    expect((await env.FUSION.fuse({ ...base, weights: { collab: 3 } })).centre?.cached).toBe(false);
    expect((await env.FUSION.fuse({ ...base, models: { text: "a2", cf: "b" } })).centre?.cached).toBe(false);
    expect((await env.FUSION.fuse({ ...base, priors: false })).centre?.cached).toBe(false);
    expect((await env.FUSION.fuse({ ...base, strategy: "rrf" })).centre?.cached).toBe(false);
    expect((await env.FUSION.fuse({ ...base, weights: { collab: 3 } })).centre?.cached).toBe(true);
  });

  it("misses after a profile edit (the profile version is part of the key)", async () => {
    const input = { ...base, profile: "cachetest" };
    expect((await env.FUSION.fuse(input)).centre?.cached).toBe(false);
    expect((await env.FUSION.fuse(input)).centre?.cached).toBe(true);
    const put = await env.FUSION.putProfile("cachetest", { weights: { query: 1, collab: 1, popularity: 1 } });
    expect(put.ok).toBe(true);
    const after = await env.FUSION.fuse(input);
    expect(after.centre).toMatchObject({ cached: false, profile: "cachetest", profileVersion: 1 });
  });
});

describe("fusion worker: stacked", () => {
  it("serves the bundled stacker trained for the request's sources", async () => {
    // models/stacker/stacker.json holds stackers for query, history, and query + history (each with the three priors).
    // A genre-ish query: a query naming a title would add the "title" source, which no shipped stacker covers.
    const body = await recommend({ query: "animated children adventure", k: 5, strategy: "stacked", explain: true });
    expect(body).toMatchObject({ strategy: "stacked", degraded: false });
    expect(body.fallback).toBeUndefined();
    for (const item of body.items) expect(item.score).toBeGreaterThan(0);
    const history = await recommend({
      history: [
        { id: 1, rating: 5 },
        { id: 2355, rating: 4.5 },
      ],
      k: 5,
      strategy: "stacked",
    });
    expect(history.strategy).toBe("stacked");
  });

  it("falls back to weighted and says so when no stacker matches the sources", async () => {
    const odd = await env.FUSION.fuse({
      candidates: [1, 2],
      scores: { query: [1, 0], collab: [0, 1] },
      strategy: "stacked",
      priors: false,
    });
    expect(odd).toMatchObject({ ok: true, strategy: "weighted", fallback: expect.stringMatching(/do not match sources .*used weighted/) });
  });
});

describe("cold start: popular items", () => {
  it("with no query and no history, recommends the most popular items", async () => {
    const body = await recommend({ k: 10, explain: true });
    expect(body.degraded).toBe(false);
    expect(body.strategy).toBe("popular");
    expect(body.items).toHaveLength(10);
    // The most rated films of ml-latest-small lead any blend that weighs popularity.
    expect(body.items.map((i) => i.id)).toEqual(expect.arrayContaining([356, 296]));
    // The blend names the priors the code-default profile weighs (a prior tuned to weight 0 is left out).
    const weighed = PRIORS.filter((p) => (DEFAULT_PROFILE_CONFIG.weights[p] ?? 0) > 0);
    expect(Object.keys(body.items[0]?.explain ?? {}).sort()).toEqual(weighed.sort());
    const scores = body.items.map((i) => i.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it("honours filters and exclude", async () => {
    const all = await recommend({ k: 5, filters: { genres: { all: ["Animation"] }, year: { from: 1990, to: 1999 } } });
    expect(all.items).toHaveLength(5);
    for (const item of all.items) {
      expect(item.genres).toContain("Animation");
      expect(item.year).toBeGreaterThanOrEqual(1990);
      expect(item.year).toBeLessThanOrEqual(1999);
    }
    const top = all.items[0]?.id ?? 0;
    const without = await recommend({ k: 5, exclude: [top], filters: { genres: { all: ["Animation"] }, year: { from: 1990, to: 1999 } } });
    expect(without.items.map((i) => i.id)).not.toContain(top);
    expect((await recommend({ k: 5, filters: { year: { from: 2100, to: 2100 } } })).items).toEqual([]);
  });

  it("validates its request as values", async () => {
    expect(await env.FUSION.popular({ k: 0 })).toMatchObject({ ok: false, reason: expect.stringMatching(/k must be/) });
  });
});

describe("refreshPriors", () => {
  it("recomputes with feedback aggregates under a new version, which popular and fuse then use", async () => {
    const before = await env.FUSION.popular({ k: 1, allow: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] });
    const lastSeen = Date.UTC(2016, 9, 17);
    // Item 9 (an obscure film) gets a burst of likes: it should become the most popular and trending of the ten.
    const refreshed = await env.FUSION.refreshPriors([
      { itemId: 9, views: 0, clicks: 0, likes: 5000, skips: 0, ratingSum: 0, ratingCount: 0, lastSeen },
    ]);
    expect(refreshed).toMatchObject({ ok: true, aggregates: 1, changed: true });
    const after = await env.FUSION.popular({ k: 1, allow: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] });
    expect(after.ok && after.items[0]?.id).toBe(9);
    expect(after.ok && before.ok && after.centre.priorsVersion !== before.centre.priorsVersion).toBe(true);
    const same = await env.FUSION.refreshPriors([
      { itemId: 9, views: 0, clicks: 0, likes: 5000, skips: 0, ratingSum: 0, ratingCount: 0, lastSeen },
    ]);
    expect(same).toMatchObject({ ok: true, changed: false });
    // Back to the ratings alone.
    const reset = await env.FUSION.refreshPriors([]);
    expect(reset.ok && before.ok && reset.version).toBe(before.ok && before.centre.priorsVersion);
  });

  it("rejects bad aggregates with a reason", async () => {
    const bad = await env.FUSION.refreshPriors([
      { itemId: 9, views: -1, clicks: 0, likes: 0, skips: 0, ratingSum: 0, ratingCount: 0, lastSeen: 0 },
    ]);
    expect(bad).toMatchObject({ ok: false, reason: expect.stringMatching(/negative/) });
  });
});
