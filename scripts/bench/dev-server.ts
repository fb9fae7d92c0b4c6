// `npm start`'s wrangler dev for the bench (scripts/lib/dev-server.ts), plus the workerd processes it started, for memory readings.
import { type DevServer as Launched, startDevServer as launch } from "../lib/dev-server.ts";
import { workerdUnder } from "./proc.ts";

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export interface DevServer extends Launched {
  /** The workerd process(es) wrangler started; both workers live in one. */
  workerd(): number[];
}

/** Returns right after the spawn, so the caller can time the cold start from `startedAt`; the bench owns `persistTo`. */
export async function startDevServer(persistTo: string): Promise<DevServer> {
  const server = await launch({ persistTo });
  const pid = server.child.pid;
  return { ...server, workerd: () => (pid === undefined ? [] : workerdUnder(pid)) };
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
