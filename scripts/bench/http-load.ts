// Closed-loop HTTP load with autocannon against the loopback dev server: bounded by duration and by a request cap.
import autocannon, { type Result } from "autocannon";
import type { BenchConfig } from "./config.ts";
import { median, quantile } from "./stats.ts";

export interface Route {
  name: string;
  method: "GET" | "POST";
  path: string;
  body?: unknown;
}

export interface LoadResult {
  route: string;
  connections: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  non2xx: number;
  /** Status codes other than 2xx with their counts, e.g. "429 x 12". */
  statuses: string;
}

export const ROUTES: Route[] = [
  // The reference for every row: the cheapest route through the same server, proxy and isolate.
  { name: "GET /healthz (reference)", method: "GET", path: "/healthz" },
  { name: "POST /v1/recommend query", method: "POST", path: "/v1/recommend", body: { query: "animated children adventure", k: 10 } },
  {
    name: "POST /v1/recommend history",
    method: "POST",
    path: "/v1/recommend",
    body: {
      history: [
        { id: 1, rating: 5 },
        { id: 2355, rating: 4.5 },
        { id: 3114, rating: 4 },
      ],
      k: 10,
    },
  },
  {
    name: "POST /v1/recommend both",
    method: "POST",
    path: "/v1/recommend",
    body: {
      query: "animated children adventure",
      history: [
        { id: 1, rating: 5 },
        { id: 2355, rating: 4.5 },
      ],
      k: 10,
    },
  },
  { name: "GET /v1/items/1/similar", method: "GET", path: "/v1/items/1/similar" },
];

export function options(base: string, route: Route) {
  return {
    url: `${base}${route.path}`,
    method: route.method,
    ...(route.body !== undefined && { body: JSON.stringify(route.body), headers: { "content-type": "application/json" } }),
  };
}

/**
 * The edge rate-limits per client (its IP when no API keys are configured). One load generator is one IP, so it would measure
 * the limiter's 429s after the first 1,200 requests; each request instead names its own client, as many users behind a CDN do.
 */
const CLIENT_HEADER = { "cf-connecting-ip": "[<id>]" };

/**
 * autocannon's own latency histogram has whole-millisecond resolution, too coarse for a 5 ms target, so every response's
 * exact time (its 'response' event) is kept and the percentiles are computed here; req/s, errors and non-2xx are autocannon's.
 */
export function load(base: string, route: Route, connections: number, seconds: number, maxRequests: number): Promise<LoadResult> {
  const latencies: number[] = [];
  return new Promise((done, fail) => {
    const tracker = autocannon(
      {
        ...options(base, route),
        headers: { ...options(base, route).headers, ...CLIENT_HEADER },
        idReplacement: true,
        connections,
        duration: seconds,
        maxOverallRequests: maxRequests,
        timeout: 30,
      },
      (err: Error | null, result: Result) => {
        if (err) return fail(err);
        done({
          route: route.name,
          connections,
          reqPerSec: result.requests.total / Math.max(result.duration, 1e-9),
          p50: median(latencies),
          p99: quantile(latencies, 0.99),
          requests: result.requests.total,
          errors: result.errors + result.timeouts,
          non2xx: result.non2xx,
          statuses: Object.entries(result.statusCodeStats)
            .filter(([code]) => !code.startsWith("2"))
            .map(([code, { count }]) => `${code} x ${count}`)
            .join(", "),
        });
      },
    );
    tracker.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
      if (status >= 200 && status < 300) latencies.push(ms);
    });
  });
}

export interface ResidentGrowth {
  route: string;
  connections: number;
  requests: number;
  /** VmRSS of the workerd process before and after the run, bytes. */
  before: number;
  after: number;
}

/** One route: a 1-connection warm-up, then a run per configured connection count, the server's resident set read around each. */
export async function loadRoute(
  base: string,
  route: Route,
  config: BenchConfig,
  rss: () => number,
): Promise<{ results: LoadResult[]; growth: ResidentGrowth[] }> {
  await load(base, route, 1, config.warmupSeconds, config.maxRequests);
  const results: LoadResult[] = [];
  const growth: ResidentGrowth[] = [];
  for (const connections of config.connections) {
    const before = rss();
    const result = await load(base, route, connections, config.loadSeconds, config.maxRequests);
    results.push(result);
    growth.push({ route: route.name, connections, requests: result.requests, before, after: rss() });
  }
  return { results, growth };
}
