import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { postJson } from "./helpers.ts";

interface Ack {
  accepted: number;
  duplicates: number;
  warnings: string[];
  location: string;
}

const T0 = Date.UTC(2026, 0, 1);
const event = (eventId: string, itemId = 1, type = "like") => ({ eventId, userId: "u1", itemId, type, timestamp: T0 });
const store = () => env.FEEDBACK.get(env.FEEDBACK.idFromName("local"));

async function send(events: unknown[]): Promise<Ack> {
  const res = await postJson("/v1/feedback", { events });
  const body = await res.json<Ack>();
  if (res.status !== 200) throw new Error(`feedback answered ${res.status}: ${JSON.stringify(body)}`);
  return body;
}

describe("POST /v1/feedback", () => {
  it("stores a batch, and a replay is accepted without being counted twice", async () => {
    const batch = [event("basic-1", 1), event("basic-2", 2, "click"), { ...event("basic-3", 3, "rating"), value: 4.5 }];
    const before = (await store().stats()).events;
    expect(await send(batch)).toEqual({ accepted: 3, duplicates: 0, warnings: [], location: "local" });
    expect(await send(batch)).toEqual({ accepted: 0, duplicates: 3, warnings: [], location: "local" });
    expect(await send([batch[0], event("basic-4", 4)])).toMatchObject({ accepted: 1, duplicates: 1 });
    expect((await store().stats()).events).toBe(before + 4);
  });

  it("reports unknown items in warnings and does not store them", async () => {
    const ack = await send([event("unknown-1", 999_999_999), event("unknown-2", 1)]);
    expect(ack.accepted).toBe(1);
    expect(ack.warnings).toEqual(["events.0 (unknown-1): item 999999999 is not in the catalog; not stored"]);
    expect(await send([event("unknown-1", 999_999_999)])).toMatchObject({ accepted: 0, duplicates: 0 });
  });

  it("rejects an invalid batch whole, in the documented error shape", async () => {
    const res = await postJson("/v1/feedback", { events: [event("bad-1"), { ...event("bad-2"), type: "rating" }] });
    expect(res.status).toBe(400);
    const body = await res.json<{ error: { code: string; issues: { path: string }[] } }>();
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.issues.map((i) => i.path)).toEqual(["events.1.value"]);
    expect(await send([event("bad-1")])).toMatchObject({ accepted: 1 });
  });

  it("50 concurrent writers with overlapping eventIds: every event stored exactly once, counts exact", async () => {
    const before = (await store().stats()).events;
    const writers = Array.from({ length: 50 }, (_, w) =>
      // Writer w sends ids w..w+19 of a shared pool of 69, so neighbours overlap in 19 of 20 and many race on the same id.
      Array.from({ length: 20 }, (_, i) => event(`race-${w + i}`, 1 + ((w + i) % 7), i % 2 ? "view" : "like")),
    );
    const acks = await Promise.all(writers.map(send));
    const accepted = acks.reduce((a, x) => a + x.accepted, 0);
    const duplicates = acks.reduce((a, x) => a + x.duplicates, 0);
    expect(accepted).toBe(69);
    expect(accepted + duplicates).toBe(50 * 20);
    expect((await store().stats()).events).toBe(before + 69);
  });

  it("exposes per-item aggregates (counts only) for the centre's refresh", async () => {
    const since = T0 + 1;
    await send([
      { ...event("agg-1", 50), timestamp: since },
      { ...event("agg-2", 50, "skip"), timestamp: since },
      { ...event("agg-3", 50, "rating"), value: 3, timestamp: since + 5 },
      { ...event("agg-4", 50, "rating"), value: 5, timestamp: since },
    ]);
    const rows = await store().aggregates(since);
    expect(rows).toEqual([{ itemId: 50, views: 0, clicks: 0, likes: 1, skips: 1, ratings: 2, meanRating: 4, lastSeen: since + 5 }]);
  });
});
