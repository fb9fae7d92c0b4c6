import { describe, expect, it } from "vitest";
import { adoptGlobal, examplesOf, type LocalParams, trainLocal } from "../../functions/edge/feedback/learn.ts";
import { type Centre, federatedRound, type Learner } from "../../functions/edge/feedback/round.ts";
import type { StoredEvent } from "../../functions/edge/feedback/schema.ts";
import { initialTheta, LAYOUT } from "../../functions/lib/federated/layout.ts";
import { privacyReport } from "../../functions/lib/federated/privacy.ts";
import type { GlobalParams, Submission } from "../../functions/lib/federated/types.ts";
import { blend } from "../../functions/lib/federated/vector.ts";

function events(location: string, count: number): StoredEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    eventId: `${location}-secret-event-${i}`,
    userId: `${location}-secret-user-${i % 3}`,
    itemId: 1000 + i,
    type: i % 3 === 0 ? "skip" : "like",
    value: null,
    timestamp: 1_700_000_000_000 + i,
    scores: { collab: i % 3 === 0 ? 0.1 : 0.9, content: 0.5 },
  }));
}

/** A location's store in memory: the same pure training the Durable Object runs. */
function memoryLearner(evs: StoredEvent[]) {
  let local: LocalParams | null = null;
  const learner: Learner = {
    train: async (g) => {
      const u = trainLocal(local, g, examplesOf(evs));
      if (u.n > 0) local = { round: g.round, theta: u.theta, n: u.n };
      return u;
    },
    adopt: async (g, eta) => {
      local = adoptGlobal(local, g, eta);
      return local;
    },
  };
  return { learner, params: () => local };
}

/** A centre that records every argument it receives and averages submissions without noise. */
function spyCentre(minParticipants: number) {
  const received: unknown[] = [];
  let global: GlobalParams = {
    round: 0,
    theta: initialTheta(),
    layout: [...LAYOUT.names],
    participants: 0,
    weightSum: 0,
    privacy: privacyReport(0, 1, 0),
  };
  let pending: Submission[] = [];
  const centre: Centre = {
    globalParams: async () => {
      received.push({ call: "globalParams" });
      return global;
    },
    submitUpdate: async (s) => {
      received.push({ call: "submitUpdate", args: structuredClone(s) });
      pending.push(s);
      return { ok: true, round: global.round, pending: pending.length };
    },
    closeRound: async () => {
      received.push({ call: "closeRound" });
      if (pending.length < minParticipants) return { ok: false, reason: "skipped", round: global.round, pending: pending.length };
      const theta = global.theta.map((_, i) => pending.reduce((a, s) => a + (s.theta[i] as number), 0) / pending.length);
      global = { ...global, round: global.round + 1, theta, participants: pending.length };
      pending = [];
      return { ok: true, closed: global.round - 1, global, clipped: 0, sigma: 0 };
    },
  };
  return { centre, received, global: () => global };
}

describe("federated round orchestration", () => {
  const data = { LHR: events("LHR", 30), CDG: events("CDG", 12), SIN: [] as StoredEvent[] };

  it("sends the centre only parameter vectors and counts, never an event", async () => {
    const stores = Object.fromEntries(Object.entries(data).map(([l, evs]) => [l, memoryLearner(evs)]));
    const spy = spyCentre(2);
    const report = await federatedRound({ centre: spy.centre, locations: Object.keys(data), learner: (l) => stores[l]!.learner, eta: 0.5 });
    expect(report).toMatchObject({ round: 0, submitted: ["LHR", "CDG"], idle: ["SIN"], rejected: [], closed: true, next: 1 });
    const submissions = spy.received.filter((r) => (r as { call: string }).call === "submitUpdate");
    expect(submissions).toHaveLength(2);
    for (const s of submissions) {
      const args = (s as { args: Record<string, unknown> }).args;
      expect(Object.keys(args).sort()).toEqual(["location", "n", "round", "theta"]);
      expect(Array.isArray(args.theta) && (args.theta as unknown[]).every((x) => typeof x === "number")).toBe(true);
      expect((args.theta as number[]).length).toBe(LAYOUT.names.length);
    }
    expect(submissions.map((s) => (s as { args: Submission }).args.n)).toEqual([20 + 10, 12]);
    const wire = JSON.stringify(spy.received);
    expect(wire).not.toMatch(/secret|eventId|userId|itemId|timestamp|scores/);
  });

  it("moves every location toward the new global by eta", async () => {
    const stores = Object.fromEntries(Object.entries(data).map(([l, evs]) => [l, memoryLearner(evs)]));
    const spy = spyCentre(2);
    await federatedRound({ centre: spy.centre, locations: ["LHR"], learner: (l) => stores[l]!.learner, eta: 0.5 });
    const trained = stores.LHR!.params()!.theta;
    await federatedRound({ centre: spy.centre, locations: ["LHR", "CDG"], learner: (l) => stores[l]!.learner, eta: 0.5 });
    expect(spy.global().round).toBe(1);
    // SIN never trained, so it adopts the global outright; LHR blended its own (retrained) theta halfway toward it.
    const lhr = stores.LHR!.params()!;
    expect(lhr.round).toBe(1);
    expect(lhr.theta).not.toEqual(trained);
    expect(stores.SIN!.params()).toBeNull();
  });

  it("skips a round with too few participants: nobody moves and the round stays open", async () => {
    const stores = Object.fromEntries(Object.entries(data).map(([l, evs]) => [l, memoryLearner(evs)]));
    const spy = spyCentre(3);
    const report = await federatedRound({ centre: spy.centre, locations: Object.keys(data), learner: (l) => stores[l]!.learner, eta: 0.5 });
    expect(report).toMatchObject({ closed: false, reason: "skipped", next: 0 });
    expect(spy.received.map((r) => (r as { call: string }).call)).toEqual(["globalParams", "submitUpdate", "submitUpdate", "closeRound"]);
    expect(stores.LHR!.params()!.round).toBe(0);
  });

  it("adopt is exactly theta_i + eta (theta_global - theta_i)", () => {
    const local = { round: 0, theta: initialTheta().map((_, i) => i), n: 5 };
    const global = { round: 1, theta: initialTheta().map((_, i) => 2 * i) };
    expect(adoptGlobal(local, global, 0.25)).toEqual({ round: 1, theta: blend(local.theta, global.theta, 0.25), n: 5 });
    expect(adoptGlobal(null, global, 0.25).theta).toEqual(global.theta);
  });
});
