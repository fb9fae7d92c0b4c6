// Starts the bench worker in workerd through Miniflare's API, from the bundle `wrangler deploy --dry-run` writes.
import { Miniflare } from "miniflare";
import { bundleWorker, miniflareModules } from "../lib/bundle-size.ts";
import { type Memory, memoryOf, workerdUnder } from "./proc.ts";
import type { Sampler } from "./sampling.ts";

export interface BenchWorker {
  get(path: string): Promise<Response>;
  json<T>(path: string): Promise<T>;
  sampler(op: string, batch?: number): Sampler;
  memory(): Memory | undefined;
  stop(): Promise<void>;
}

export async function startBenchWorker(outdir: string): Promise<BenchWorker> {
  const out = await bundleWorker("scripts/bench/wrangler.toml", outdir);
  const mf = new Miniflare({
    modules: miniflareModules(out, "worker.js"),
    modulesRoot: out,
    compatibilityDate: "2026-04-20",
  });
  await mf.ready;
  const pid = workerdUnder(process.pid)[0];
  const get = async (path: string) => {
    const res = await mf.dispatchFetch(`http://bench${path}`);
    if (!res.ok) throw new Error(`bench worker ${path}: ${res.status} ${await res.text()}`);
    return res as unknown as Response;
  };
  return {
    get,
    json: async <T>(path: string) => (await (await get(path)).json()) as T,
    sampler:
      (op, batch = 1) =>
      async (iters) => {
        const res = await get(`/sample?op=${op}&batch=${batch}&iters=${iters}`);
        return (await res.json()) as { ms: number };
      },
    memory: () => (pid === undefined ? undefined : memoryOf(pid)),
    stop: () => mf.dispose(),
  };
}
