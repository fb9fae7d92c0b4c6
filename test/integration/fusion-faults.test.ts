import { env } from "cloudflare:test";
import { afterEach, describe, expect, it } from "vitest";
import { catalog } from "../../functions/edge/catalog/catalog.ts";
import { catalogIndexes } from "../../functions/edge/catalog/indexes.ts";
import { activeModels } from "../../functions/edge/models/active.ts";
import { recommend as pipeline } from "../../functions/edge/recommend/pipeline.ts";
import { recommend } from "./helpers.ts";

// Faults are injected inside the real fusion worker, reached through the real FUSION service binding; the switch works
// only because vitest.config.ts sets FAULTS = "enabled" on that worker.
afterEach(async () => {
  await env.FUSION.setFault(null);
});

describe("the edge survives fusion faults", () => {
  it("fusion throwing: local fusion of the edge's own sources, degraded with a reason", async () => {
    expect(await env.FUSION.setFault({ mode: "throw" })).toEqual({ ok: true });
    const body = await recommend({ query: "animated children adventure", k: 5, explain: true });
    expect(body.degraded).toBe(true);
    expect(body.reason).toMatch(/fusion unavailable: .*injected fault/);
    expect(body.items).toHaveLength(5);
    // The edge has no priors: only its own sources are fused.
    expect(Object.keys(body.weights)).toEqual(["query"]);
  });

  it("fusion slower than the 2 s timeout: degraded with a reason", async () => {
    await env.FUSION.setFault({ mode: "slow", ms: 3000 });
    const started = Date.now();
    const body = await recommend({ history: [{ id: 1, rating: 5 }], k: 5 });
    expect(Date.now() - started).toBeLessThan(2900);
    expect(body.degraded).toBe(true);
    expect(body.reason).toMatch(/did not answer within 2000 ms/);
    expect(body.items).toHaveLength(5);
  });

  it("cold start with fusion failing: an empty list, degraded with a reason", async () => {
    await env.FUSION.setFault({ mode: "throw" });
    const body = await recommend({ k: 5 });
    expect(body).toMatchObject({ items: [], degraded: true, reason: expect.stringMatching(/injected fault/) });
  });

  it("once the fault is cleared, answers are whole again", async () => {
    const body = await recommend({ query: "heist", k: 3 });
    expect(body.degraded).toBe(false);
  });

  it("no FUSION binding at all: the pipeline still answers, degraded", async () => {
    const models = await activeModels(env);
    const ctx = { models, indexes: await catalogIndexes(env, models), catalog: await catalog(), fusion: undefined };
    const req = { query: "space adventure", k: 4, explain: false };
    const body = await pipeline(req, ctx);
    expect(body).toMatchObject({ degraded: true, reason: expect.stringMatching(/no FUSION binding/) });
    expect(body.items).toHaveLength(4);
    const cold = await pipeline({ k: 4, explain: false }, ctx);
    expect(cold).toMatchObject({ items: [], degraded: true, reason: expect.stringMatching(/no FUSION binding/) });
  });
});
