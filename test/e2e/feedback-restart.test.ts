// Nothing acknowledged is lost across a hard restart of `npm start`: write through a real wrangler dev, SIGKILL it, start it again
// on the same --persist-to directory and replay every batch; each acknowledged event must come back as a duplicate.

import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const READY_MS = 120_000;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const a = probe.address();
      const port = typeof a === "object" && a ? a.port : 0;
      probe.close(() => (port ? done(port) : fail(new Error("no free port"))));
    });
  });
}

interface Dev {
  url: string;
  child: ChildProcess;
}

/** `npm start`'s exact wrangler command, but on free loopback ports and the given persist directory. */
async function startDev(persist: string): Promise<Dev> {
  const [port, inspector] = [await freePort(), await freePort()];
  const args = ["scripts/wrangler.mjs", "dev", "-c", "wrangler.toml", "-c", "functions/fusion/wrangler.toml", "--ip", "127.0.0.1"];
  args.push("--port", String(port), "--inspector-port", String(inspector), "--persist-to", persist);
  // Own process group, so the kill reaches workerd (wrangler's child) too.
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, CI: "1" },
  });
  let log = "";
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-6000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + READY_MS;
  while (Date.now() < deadline && child.exitCode === null) {
    const up = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { url, child };
    await sleep(250);
  }
  await kill(child);
  throw new Error(`wrangler dev did not come up on ${url} (exit ${child.exitCode}). Log tail:\n${log}`);
}

/** SIGKILL to the whole group: no graceful shutdown, so only what was durably written can survive. */
async function kill(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // already gone
  }
  await Promise.race([exited, sleep(10_000)]);
}

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
let dev: Dev | undefined;

beforeAll(async () => {
  persist = await mkdtemp(join(tmpdir(), "edgefuse-restart-"));
});

afterAll(async () => {
  if (dev) await kill(dev.child);
  await rm(persist, { recursive: true, force: true });
});

describe("feedback survives a hard restart of npm start", () => {
  it("keeps every acknowledged event: after restart, a replay of all batches is all duplicates", async () => {
    dev = await startDev(persist);
    const first = await Promise.all(batches.map((events) => post(dev!.url, events)));
    expect(first.reduce((a, r) => a + r.accepted, 0)).toBe(distinct);
    expect(first.reduce((a, r) => a + r.accepted + r.duplicates, 0)).toBe(20 * 25);

    await kill(dev.child);
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
