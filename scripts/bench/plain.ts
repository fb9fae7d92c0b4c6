// Both workers in one plain workerd through Miniflare's API, configured from their wrangler.toml files the way wrangler
// itself does (unstable_getMiniflareWorkerOptions), without wrangler dev's proxy in front, and with the V8 inspector open.
import { randomUUID } from "node:crypto";
import { Miniflare } from "miniflare";
import { unstable_getMiniflareWorkerOptions, unstable_readConfig } from "wrangler";
import type { IsolateMemory } from "../../functions/lib/contracts/admin.ts";
import { miniflareModules, WORKERS } from "../lib/bundle-size.ts";
import { freePort } from "../lib/dev-server.ts";
import { type HeapUsage, heapUsage } from "./inspector.ts";
import { type Memory, memoryOf, workerdUnder } from "./proc.ts";

type WorkerName = (typeof WORKERS)[number]["name"];

export interface PlainWorkerd {
  url: string;
  /** Resident set of the one workerd process both workers run in. */
  memory(): Memory;
  /** One isolate's V8 heap, through the inspector; `afterGc` runs a full GC first (live objects only). */
  heap(worker: WorkerName, afterGc: boolean): Promise<HeapUsage>;
  /** The edge isolate's wasm and index bytes (GET /v1/admin/memory). */
  isolateMemory(): Promise<IsolateMemory>;
  stop(): Promise<void>;
}

/** `bundles` holds each worker's `wrangler deploy --dry-run` output directory. */
export async function startPlainWorkerd(bundles: Record<WorkerName, string>): Promise<PlainWorkerd> {
  const token = randomUUID();
  const inspectorPort = await freePort();
  const names = {} as Record<WorkerName, string>;
  // The edge first: Miniflare routes requests to its first worker.
  const workers = WORKERS.map((w) => {
    const { workerOptions } = unstable_getMiniflareWorkerOptions(w.config);
    names[w.name] = unstable_readConfig({ config: w.config }).name ?? w.name;
    return {
      ...workerOptions,
      name: names[w.name],
      modules: miniflareModules(bundles[w.name], "index.js"),
      modulesRoot: bundles[w.name],
      // The secret `wrangler secret put` would set; here a fresh one per run, for the admin memory route.
      bindings: { ...workerOptions.bindings, ...(w.name === "edge" && { ADMIN_TOKEN: token }) },
    };
  });
  const mf = new Miniflare({ workers, host: "127.0.0.1", port: await freePort(), inspectorPort });
  const url = (await mf.ready).origin;
  const pid = workerdUnder(process.pid)[0];
  return {
    url,
    memory: () => {
      if (pid === undefined) throw new Error("found no workerd process under this one");
      return memoryOf(pid);
    },
    heap: (worker, afterGc) => heapUsage(`ws://127.0.0.1:${inspectorPort}/core:user:${names[worker]}`, afterGc),
    isolateMemory: async () => {
      const res = await fetch(`${url}/v1/admin/memory`, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`GET /v1/admin/memory: ${res.status} ${await res.text()}`);
      return (await res.json()) as IsolateMemory;
    },
    stop: () => mf.dispose(),
  };
}
