import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { SCHEDULES } from "../../functions/edge/cron.ts";
import type { StoredEvent } from "../../functions/edge/feedback/schema.ts";
import worker from "../../functions/edge/index.ts";
import { LAYOUT } from "../../functions/lib/federated/layout.ts";

const SECRET = "secret-marker";

function events(location: string, count: number): StoredEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    eventId: `${location}-${SECRET}-ev-${i}`,
    userId: `${location}-${SECRET}-user-${i % 4}`,
    itemId: 1 + (i % 50),
    type: i % 4 === 0 ? "skip" : "like",
    value: null,
    timestamp: Date.UTC(2026, 0, 1) + i,
    scores: { collab: i % 4 === 0 ? 0.1 : 0.8, content: 0.5, query: null },
  }));
}

async function seed(location: string, count: number): Promise<void> {
  await env.FEEDBACK.get(env.FEEDBACK.idFromName(location)).record(events(location, count));
  await env.CACHE.put(`feedback:location:${location}`, "1");
}

async function runRound(): Promise<void> {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron: SCHEDULES.federatedRound, scheduledTime: Date.now() }), env, ctx);
  await waitOnExecutionContext(ctx);
}

describe("federated round across real Durable Objects and the real fusion worker", () => {
  it("closes a round from two locations; the centre holds only parameter vectors and counts", async () => {
    await seed("FRA", 40);
    await seed("NRT", 24);
    const before = await env.FUSION.globalParams();
    await runRound();
    const after = await env.FUSION.globalParams();
    expect(after.round).toBe(before.round + 1);
    expect(after.layout).toEqual([...LAYOUT.names]);
    expect(after.theta).toHaveLength(LAYOUT.names.length);
    expect(after.privacy).toMatchObject({ unit: "one location", noiseMultiplier: 1, clipNorm: 1, rounds: after.round });
    expect(after.participants).toBeGreaterThanOrEqual(2);

    const state = await env.FUSION.federatedState();
    expect(Object.keys(state).sort()).toEqual(["global", "pending"]);
    expect(Object.keys(state.global).sort()).toEqual(["layout", "participants", "privacy", "round", "theta", "weightSum"]);
    for (const p of state.pending) expect(Object.keys(p).sort()).toEqual(["location", "n", "round", "theta"]);
    expect(state.global.theta.every(Number.isFinite)).toBe(true);
    expect(JSON.stringify(state)).not.toContain(SECRET);

    // Each location moved toward the new global: its stored round is the new one.
    const fra = await env.FEEDBACK.get(env.FEEDBACK.idFromName("FRA")).localParams();
    expect(fra?.round).toBe(after.round);
  });

  it("rejects stale, wrong-length, non-finite and malformed submissions with a reason", async () => {
    const { round, theta } = await env.FUSION.globalParams();
    const ok = { location: "TST", round, theta, n: 5 };
    expect(await env.FUSION.submitUpdate({ ...ok, round: round - 1 })).toEqual({
      ok: false,
      reason: `stale round ${round - 1}: round ${round} is open`,
    });
    expect(await env.FUSION.submitUpdate({ ...ok, theta: theta.slice(1) })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/entries; expected/),
    });
    expect(await env.FUSION.submitUpdate({ ...ok, theta: theta.map((_, i) => (i === 2 ? Number.NaN : 0)) })).toMatchObject({
      ok: false,
      reason: "theta[2] is not a finite number",
    });
    const malformed = { location: "TST", round } as unknown as Parameters<typeof env.FUSION.submitUpdate>[0];
    expect(await env.FUSION.submitUpdate(malformed)).toMatchObject({ ok: false, reason: expect.stringMatching(/theta must be an array/) });
    // Nothing was stored: the next test relies on this round having no pending update.
    expect((await env.FUSION.federatedState()).pending).toEqual([]);
  });

  it("skips a round with fewer than the minimum participants and keeps it open", async () => {
    const { round, theta } = await env.FUSION.globalParams();
    expect(await env.FUSION.submitUpdate({ location: "SOLO", round, theta, n: 3 })).toMatchObject({ ok: true, pending: 1 });
    expect(await env.FUSION.closeRound()).toEqual({ ok: false, reason: "skipped: 1 of the 2 participants needed", round, pending: 1 });
    expect((await env.FUSION.globalParams()).round).toBe(round);
  });
});
