// Against a real `npm start` (wrangler dev, both workers): cold start, workerd memory, and HTTP load on loopback.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BenchConfig } from "./config.ts";
import { type DevServer, startDevServer, until } from "./dev-server.ts";
import { type LoadResult, loadRoute, options, type ResidentGrowth, ROUTES } from "./http-load.ts";
import { type Memory, memoryOf } from "./proc.ts";

const READY_MS = 180_000;
const RECOMMEND = ROUTES[1]!;

export interface ColdStart {
  kind: "fresh" | "cached";
  /** Spawn to the first 200 from /healthz, ms. */
  listening: number;
  /** Spawn to the first 200 from POST /v1/recommend, ms. */
  firstRecommend: number;
}

export interface ServerMemory {
  /** The workerd process that runs both workers (wrangler also starts a small one for its proxy, not counted). */
  afterHealthz: Memory;
  afterFirstRecommend: Memory;
  afterLoad: Memory;
  /** VmHWM of the fresh-start workerd after its first /v1/recommend, i.e. including the index build. */
  freshPeak: Memory;
}

export interface ServerResult {
  cold: ColdStart[];
  memory: ServerMemory;
  load: LoadResult[];
  growth: ResidentGrowth[];
  /** wrangler dev reloads (a source file changed under it) while the load runs went on: each one disturbs those figures. */
  reloadsDuringLoad: number;
}

/** The workers' workerd: of the workerd processes wrangler started, the one with the largest resident set. */
function memory(server: DevServer): Memory {
  const readings = server.workerd().map(memoryOf);
  if (readings.length === 0) throw new Error("found no workerd process under wrangler dev");
  return readings.reduce((a, b) => (b.rss > a.rss ? b : a));
}

async function ok(server: DevServer, path: string, init?: RequestInit): Promise<boolean> {
  const res = await fetch(`${server.url}${path}`, { ...init, signal: AbortSignal.timeout(READY_MS) });
  await res.arrayBuffer();
  return res.ok;
}

async function coldStart(persist: string, kind: ColdStart["kind"]): Promise<{ server: DevServer; cold: ColdStart; before: Memory }> {
  const server = await startDevServer(persist);
  try {
    const listening = await until(server, () => ok(server, "/healthz"), READY_MS);
    const before = memory(server);
    const { url, method, body, headers } = options("", RECOMMEND);
    const first = await until(server, () => ok(server, url, { method, body, headers }), READY_MS);
    return { server, before, cold: { kind, listening: listening - server.startedAt, firstRecommend: first - server.startedAt } };
  } catch (err) {
    await server.stop();
    throw err;
  }
}

export async function benchServer(config: BenchConfig, say: (s: string) => void): Promise<ServerResult> {
  const cold: ColdStart[] = [];
  let freshPeak: Memory | undefined;
  for (let run = 1; run <= config.coldRuns; run++) {
    const persist = await mkdtemp(join(tmpdir(), "edgefuse-bench-"));
    try {
      say(`cold start ${run}/${config.coldRuns}: fresh --persist-to (catalog index built, then stored in KV)`);
      const fresh = await coldStart(persist, "fresh");
      cold.push(fresh.cold);
      freshPeak = memory(fresh.server);
      await fresh.server.stop();
      say(`cold start ${run}/${config.coldRuns}: same --persist-to (catalog index read from KV)`);
      const cached = await coldStart(persist, "cached");
      cold.push(cached.cold);
      if (run < config.coldRuns) {
        await cached.server.stop();
        continue;
      }
      const { server } = cached;
      try {
        const afterFirstRecommend = memory(server);
        const reloadsBefore = server.reloads();
        const results: LoadResult[] = [];
        const growth: ResidentGrowth[] = [];
        for (const route of ROUTES) {
          say(
            `load ${route.name}: warm-up ${config.warmupSeconds} s, then ${config.connections.join("/")} connections x ${config.loadSeconds} s`,
          );
          const run = await loadRoute(server.url, route, config, () => memory(server).rss);
          results.push(...run.results);
          growth.push(...run.growth);
        }
        return {
          cold,
          load: results,
          growth,
          reloadsDuringLoad: server.reloads() - reloadsBefore,
          memory: { afterHealthz: cached.before, afterFirstRecommend, afterLoad: memory(server), freshPeak: freshPeak! },
        };
      } finally {
        await server.stop();
      }
    } finally {
      await rm(persist, { recursive: true, force: true });
    }
  }
  throw new Error("coldRuns must be at least 1");
}
