// Starts the app as `npm start` does (both workers under wrangler dev, offline), on a free loopback port with throwaway state.

import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../..");
const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 10_000;
const LOG_TAIL = 8_000;

export interface Server {
  url: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => (port ? done(port) : fail(new Error("no free port"))));
    });
  });
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((done) => child.once("exit", () => done()));
}

/** wrangler starts workerd as its own child; signalling the whole process group stops both. */
async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const kill = (signal: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), signal);
    } catch {
      // already gone
    }
  };
  kill("SIGTERM");
  const gone = await Promise.race([exited(child).then(() => true), sleep(STOP_TIMEOUT_MS).then(() => false)]);
  if (!gone) kill("SIGKILL");
  await Promise.race([exited(child), sleep(STOP_TIMEOUT_MS)]);
}

export async function startServer(): Promise<Server> {
  const [port, inspectorPort] = [await freePort(), await freePort()];
  const persist = await mkdtemp(join(tmpdir(), "edgefuse-e2e-"));
  const args = ["scripts/wrangler.mjs", "dev", "-c", "wrangler.toml", "-c", "functions/fusion/wrangler.toml"];
  args.push("--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(inspectorPort), "--persist-to", persist);
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, CI: "1" },
  });
  let log = "";
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-LOG_TAIL);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);

  // If the test process dies without calling stop(), take the server down with it rather than leave it listening.
  const orphanGuard = () => {
    if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, "SIGKILL");
  };
  process.once("exit", orphanGuard);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    process.off("exit", orphanGuard);
    await stopGroup(child);
    await rm(persist, { recursive: true, force: true });
  };
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return { url, stop };
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  await stop();
  throw new Error(
    `wrangler dev did not answer ${url}/healthz within ${READY_TIMEOUT_MS / 1000} s (exit ${child.exitCode}). Log tail:\n${log}`,
  );
}
