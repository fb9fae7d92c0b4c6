// `npm start`'s wrangler dev (both workers, offline) on a free loopback port with a persist directory the bench owns.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { workerdUnder } from "./proc.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const STOP_MS = 10_000;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export interface DevServer {
  url: string;
  /** performance.now() just before the spawn. */
  startedAt: number;
  /** The workerd process(es) wrangler started; both workers live in one. */
  workerd(): number[];
  log(): string;
  /** How often wrangler reloaded the workers because a source file changed (other work in the same checkout). */
  reloads(): number;
  stop(): Promise<void>;
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

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((done) => child.once("exit", () => done()));
}

/** wrangler starts workerd as its own child: signalling the process group stops both. */
async function stopGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const kill = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  };
  kill("SIGTERM");
  if (!(await Promise.race([exited(child).then(() => true), sleep(STOP_MS).then(() => false)]))) kill("SIGKILL");
  await Promise.race([exited(child), sleep(STOP_MS)]);
}

export async function startDevServer(persistTo: string): Promise<DevServer> {
  const [port, inspector] = [await freePort(), await freePort()];
  const args = ["scripts/wrangler.mjs", "dev", "-c", "wrangler.toml", "-c", "functions/fusion/wrangler.toml", "--ip", "127.0.0.1"];
  args.push("--port", String(port), "--inspector-port", String(inspector), "--persist-to", persistTo);
  const startedAt = performance.now();
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
    log = (log + text).slice(-8000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const guard = () => {
    if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, "SIGKILL");
  };
  process.once("exit", guard);
  return {
    url: `http://127.0.0.1:${port}`,
    startedAt,
    workerd: () => (child.pid === undefined ? [] : workerdUnder(child.pid)),
    log: () => log,
    reloads: () => reloads,
    stop: async () => {
      process.off("exit", guard);
      await stopGroup(child);
    },
  };
}

/** Polls until `probe` succeeds; returns performance.now() at success. */
export async function until(server: DevServer, probe: () => Promise<boolean>, timeoutMs: number, everyMs = 50): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (await probe().catch(() => false)) return performance.now();
    await sleep(everyMs);
  }
  throw new Error(`${server.url} not ready within ${timeoutMs / 1000} s. Log tail:\n${server.log()}`);
}
