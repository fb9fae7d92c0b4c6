// Nothing acknowledged is lost across a hard restart of `npm start`: write through a real wrangler dev, SIGKILL it, start it again
// on the same --persist-to directory and replay every batch; each acknowledged event must come back as a duplicate.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DevServer, startDevServer } from "../../scripts/lib/dev-server.ts";

/** `npm start`'s exact wrangler command, but on free loopback ports and the given persist directory. */
const startDev = (persistTo: string) => startDevServer({ persistTo, readyPath: "/healthz" });

async function post(url: string, events: unknown[]) {
  const res = await fetch(`${url}/v1/feedback`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ events }),
  });
  expect(res.status).toBe(200);
  return res.json() as Promise<{ accepted: number; duplicates: number; warnings: string[] }>;
}

const now = Date.now();
// 20 concurrent batches of 25, every neighbouring pair overlapping on 5 ids: 405 distinct events.
const batches = Array.from({ length: 20 }, (_, b) =>
  Array.from({ length: 25 }, (_, i) => ({
    eventId: `restart-${b * 20 + i}`,
    userId: `u${b}`,
    itemId: 1 + ((b + i) % 30),
    type: "like",
    timestamp: now,
  })),
);
const distinct = new Set(batches.flat().map((e) => e.eventId)).size;

let persist = "";
let dev: DevServer | undefined;

beforeAll(async () => {
  persist = await mkdtemp(join(tmpdir(), "edgefuse-restart-"));
});

afterAll(async () => {
  await dev?.kill();
  await rm(persist, { recursive: true, force: true });
});

describe("feedback survives a hard restart of npm start", () => {
  it("keeps every acknowledged event: after restart, a replay of all batches is all duplicates", async () => {
    dev = await startDev(persist);
    const first = await Promise.all(batches.map((events) => post(dev!.url, events)));
    expect(first.reduce((a, r) => a + r.accepted, 0)).toBe(distinct);
    expect(first.reduce((a, r) => a + r.accepted + r.duplicates, 0)).toBe(20 * 25);

    // SIGKILL to the whole group: no graceful shutdown, so only what was durably written can survive.
    await dev.kill();
    dev = await startDev(persist);
    const replay = await Promise.all(batches.map((events) => post(dev!.url, events)));
    expect(replay.reduce((a, r) => a + r.accepted, 0)).toBe(0);
    expect(replay.reduce((a, r) => a + r.duplicates, 0)).toBe(20 * 25);
    // And the store still takes new events after the restart.
    expect(await post(dev.url, [{ eventId: "restart-new", userId: "u", itemId: 1, type: "view", timestamp: now }])).toMatchObject({
      accepted: 1,
    });
  });
});
