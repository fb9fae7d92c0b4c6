// The one launcher of `npm start`'s wrangler dev (both workers, offline) on free loopback ports, for the e2e tests and the bench.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../..");
const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 10_000;
const LOG_TAIL = 8_000;

export interface DevServerOptions {
  /** wrangler's --persist-to directory; without one a temporary directory is made and removed on stop() or kill(). */
  persistTo?: string;
  /** Resolve only once this path answers 2xx (failing after 120 s); without it, resolve right after the spawn so the caller can time the start. */
  readyPath?: string;
}

export interface DevServer {
  url: string;
  /** wrangler's node process, leader of the process group that also holds workerd. */
  child: ChildProcess;
  /** performance.now() just before the spawn. */
  startedAt: number;
  /** The last few kB of wrangler's stdout and stderr. */
  log(): string;
  /** How often wrangler reloaded the workers because a source file changed (other work in the same checkout). */
  reloads(): number;
  /** SIGTERM to the group, SIGKILL if it is still up after 10 s. */
  stop(): Promise<void>;
  /** SIGKILL to the group at once: no graceful shutdown, so only what was durably written survives. */
  kill(): Promise<void>;
}

export function freePort(): Promise<number> {
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
const isDown = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

function exited(child: ChildProcess): Promise<void> {
  return isDown(child) ? Promise.resolve() : new Promise((done) => child.once("exit", () => done()));
}

/** Signals wrangler's whole process group: workerd is wrangler's child, and a signal to wrangler alone would leave it running. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

async function stopGroup(child: ChildProcess, graceful: boolean): Promise<void> {
  if (child.pid === undefined || isDown(child)) return;
  if (graceful) {
    signalGroup(child, "SIGTERM");
    if (await Promise.race([exited(child).then(() => true), sleep(STOP_TIMEOUT_MS).then(() => false)])) return;
  }
  signalGroup(child, "SIGKILL");
  await Promise.race([exited(child), sleep(STOP_TIMEOUT_MS)]);
}

export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const [port, inspectorPort] = [await freePort(), await freePort()];
  const owned = options.persistTo === undefined;
  const persist = options.persistTo ?? (await mkdtemp(join(tmpdir(), "edgefuse-dev-")));
  const args = ["scripts/wrangler.mjs", "dev", "-c", "wrangler.toml", "-c", "functions/fusion/wrangler.toml"];
  args.push("--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(inspectorPort), "--persist-to", persist);
  const startedAt = performance.now();
  // Own process group (detached), so one signal reaches workerd too.
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, CI: "1" },
  });
  let log = "";
  let reloads = 0;
  const keep = (chunk: Buffer) => {
    const text = chunk.toString();
    reloads += text.match(/Reloading local server/g)?.length ?? 0;
    log = (log + text).slice(-LOG_TAIL);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);

  // If this process dies without stop() or kill(), take the server down with it rather than leave it listening.
  const orphanGuard = () => {
    if (!isDown(child)) signalGroup(child, "SIGKILL");
  };
  process.once("exit", orphanGuard);
  const end = (graceful: boolean) => async () => {
    process.off("exit", orphanGuard);
    await stopGroup(child, graceful);
    if (owned) await rm(persist, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  const server: DevServer = { url, child, startedAt, log: () => log, reloads: () => reloads, stop: end(true), kill: end(false) };
  if (options.readyPath === undefined) return server;

  const ready = `${url}${options.readyPath}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline && !isDown(child)) {
    const up = await fetch(ready, { signal: AbortSignal.timeout(2_000) }).then(
      (res) => res.ok,
      () => false, // not listening yet
    );
    if (up) return server;
    await sleep(250);
  }
  await server.stop();
  throw new Error(
    `wrangler dev did not answer ${ready} within ${READY_TIMEOUT_MS / 1000} s (exit ${child.exitCode ?? child.signalCode}). Log tail:\n${log}`,
  );
}
