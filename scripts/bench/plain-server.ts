// The same HTTP load against plain workerd (both workers via Miniflare, no wrangler dev proxy), plus what only this setup
// can show: each isolate's V8 heap through the inspector, the edge's wasm bytes, and the resident set across the load.
import { Miniflare } from "miniflare";
import type { IsolateMemory } from "../../functions/lib/contracts/admin.ts";
import type { BenchConfig } from "./config.ts";
import { type LoadResult, loadRoute, options, type ResidentGrowth, ROUTES } from "./http-load.ts";
import type { HeapUsage } from "./inspector.ts";
import { startPlainWorkerd } from "./plain.ts";
import { memoryOf, workerdUnder } from "./proc.ts";

export interface IsolateReading {
  label: string;
  /** Read after a full GC: live objects only. */
  afterGc: boolean;
  edge: HeapUsage;
  fusion: HeapUsage;
}

export interface PlainResult {
  load: LoadResult[];
  growth: ResidentGrowth[];
  /** The same load on a worker that only returns "ok", in its own Miniflare: what the local runtime itself grows by. */
  reference: ResidentGrowth[];
  isolates: IsolateReading[];
  wasm: IsolateMemory;
}

const TRIVIAL = { name: 'GET / (a worker returning "ok")', method: "GET", path: "/" } as const;

async function trivialGrowth(config: BenchConfig): Promise<ResidentGrowth[]> {
  const mf = new Miniflare({
    modules: true,
    script: `export default { fetch() { return new Response("ok"); } }`,
    compatibilityDate: "2026-04-20",
    host: "127.0.0.1",
    port: 0,
  });
  try {
    const url = (await mf.ready).origin;
    const pid = workerdUnder(process.pid)[0];
    if (pid === undefined) throw new Error("found no workerd process under this one");
    return (await loadRoute(url, TRIVIAL, config, () => memoryOf(pid).rss)).growth;
  } finally {
    await mf.dispose();
  }
}

export async function benchPlain(
  config: BenchConfig,
  bundles: { edge: string; fusion: string },
  say: (s: string) => void,
): Promise<PlainResult> {
  say("plain workerd (Miniflare API, both workers, no wrangler dev proxy): first /v1/recommend builds the catalog indexes");
  const server = await startPlainWorkerd(bundles);
  let measured: Omit<PlainResult, "reference">;
  try {
    const { url, method, body, headers } = options(server.url, ROUTES[1]!);
    const first = await fetch(url, { method, body, headers });
    if (!first.ok) throw new Error(`plain workerd: first /v1/recommend answered ${first.status}: ${await first.text()}`);
    const isolates: IsolateReading[] = [];
    const read = async (label: string, afterGc: boolean) => {
      isolates.push({ label, afterGc, edge: await server.heap("edge", afterGc), fusion: await server.heap("fusion", afterGc) });
    };
    await read("after the first /v1/recommend (indexes built in the isolate)", false);
    await read("... after a full GC", true);
    const wasm = await server.isolateMemory();
    const results: LoadResult[] = [];
    const growth: ResidentGrowth[] = [];
    for (const route of ROUTES) {
      say(`plain workerd load ${route.name}: ${config.connections.join("/")} connections x ${config.loadSeconds} s`);
      const run = await loadRoute(server.url, route, config, () => server.memory().rss);
      results.push(...run.results);
      growth.push(...run.growth);
    }
    await read("after the load runs", false);
    await read("... after a full GC", true);
    measured = { load: results, growth, isolates, wasm };
  } finally {
    await server.stop();
  }
  say("reference: the same load on a worker that only returns ok, for the local runtime's own resident-set growth");
  return { ...measured, reference: await trivialGrowth(config) };
}
