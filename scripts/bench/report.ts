// Turns one run's measurements into Markdown sections: printed to stdout and written to the report file.
import type { BundleSize } from "../lib/bundle-size.ts";
import type { BenchConfig } from "./config.ts";
import type { EncoderResult } from "./encoders.ts";
import type { LoadResult, ResidentGrowth } from "./http-load.ts";
import { describeMachine, type Machine } from "./machine.ts";
import type { PlainResult } from "./plain-server.ts";
import type { Memory } from "./proc.ts";
import type { ScanRow } from "./scan.ts";
import type { ServerResult } from "./server.ts";
import { median, mib, ms, ratio, table } from "./stats.ts";

export interface Measurements {
  machine: Machine;
  command: string;
  config: BenchConfig;
  encoders: EncoderResult;
  scan: ScanRow[];
  server: ServerResult;
  plain: PlainResult;
  bundles: { name: string; size: BundleSize; limit: number }[];
  benchWorker: { label: string; memory: Memory }[];
  seconds: number;
  /** How far performance.now() moved inside one synchronous loop in the bench worker (0 = frozen clock). */
  clockAdvanceMs: number;
}

export interface Section {
  title: string;
  body: string;
}

const met = (ok: boolean) => (ok ? "**met**" : "**not met**");

function encoders(e: EncoderResult, clockAdvanceMs: number): Section {
  const rows = e.rows.map((r) => [
    `${r.model} encoder`,
    String(r.batch),
    ms(r.workerd.median),
    ms(r.workerd.p99),
    ms(r.native.median),
    ms(r.web.median),
    ratio(r.workerd.median, r.native.median),
    ratio(r.workerd.median, r.web.median),
    ms(r.workerd.median / r.batch),
  ]);
  const header = [
    "model",
    "batch",
    "workerd median",
    "workerd p99",
    "onnxruntime-node",
    "ORT-web in Node",
    "workerd / node",
    "workerd / web-in-Node",
    "workerd per item",
  ];
  return {
    title: "Encoder latency (per call: tokenize or look up, run, pool, normalise)",
    body: `${table(header, rows)}\n\nworkerd and onnxruntime-node agree on the text probe to ${e.probeDiff.toExponential(2)} (max |diff|). Timer round trip subtracted from each workerd sample: ${ms(e.overheadMs)}. Clock movement inside one synchronous loop in this workerd: ${clockAdvanceMs} ms (${clockAdvanceMs > 0 ? "not frozen here, so the I/O brackets are a safeguard" : "frozen, so only the I/O brackets make the samples measurable"}).`,
  };
}

function scan(rows: ScanRow[], config: BenchConfig): Section {
  const body = rows.map((r) => [
    r.name,
    `${r.items} x ${r.dims}`,
    ms(r.workerdScan.median),
    ratio(r.workerdScan.median, r.workerdBound.median),
    ms(r.workerdSimd.median),
    ms(r.workerdSimdBound.median),
    ratio(r.workerdSimd.median, r.workerdSimdBound.median),
    ratio(r.workerdScan.median, r.workerdSimd.median),
    ms(r.nodeSimd.median),
    ratio(r.workerdSimd.median, r.nodeSimd.median),
    r.sameTopK ? "yes" : "NO",
  ]);
  const header = [
    "index",
    "items x dims",
    "workerd JS scan",
    "JS scan / JS bound",
    "workerd SIMD scan",
    "SIMD bound",
    "SIMD scan / SIMD bound",
    "JS / SIMD",
    "Node SIMD scan",
    "workerd / Node",
    "same top-k",
  ];
  const big = rows.find((r) => r.name.startsWith("synthetic"));
  const target =
    big && !config.quick
      ? `\n\nTarget: ${big.items}-item scan under 10 ms in workerd: ${met(big.workerdSimd.median < 10)} (${ms(big.workerdSimd.median)} on the SIMD kernel the edge uses; ${ms(big.workerdScan.median)} in plain JS).`
      : "";
  const bounds = rows.map((r) => `${r.name} ${ms(r.workerdBound.median)}`).join(", ");
  return {
    title: "Top-k scan (k = 200, exact) vs a memory pass over the same int8 codes",
    body: `${table(header, body)}\n\nJS bound (one JS pass over the codes) in workerd: ${bounds}.${target}`,
  };
}

function load(title: string, results: LoadResult[], quick: boolean, note: string): Section {
  const reference = new Map(results.filter((r) => r.route.includes("reference")).map((r) => [r.connections, r.p50]));
  const rows = results.map((r) => [
    r.route,
    String(r.connections),
    r.reqPerSec.toFixed(0),
    ms(r.p50),
    ms(r.p99),
    ratio(r.p50, reference.get(r.connections) ?? Number.NaN),
    String(r.requests),
    String(r.errors),
    r.non2xx === 0 ? "0" : `${r.non2xx} (${r.statuses})`,
  ]);
  const header = ["route", "connections", "req/s", "p50", "p99", "p50 / healthz p50", "requests", "errors", "non-2xx"];
  const warm = results.filter((r) => r.route.startsWith("POST /v1/recommend") && r.connections === 1);
  const target = quick
    ? ""
    : `\n\nTarget: warm /v1/recommend p50 under 5 ms end to end (1 connection): ${warm.map((r) => `${r.route.replace("POST /v1/recommend ", "")} ${ms(r.p50)} ${met(r.p50 < 5)}`).join("; ")}.`;
  return { title, body: `${table(header, rows)}${target}${note}` };
}

function cold(server: ServerResult): Section {
  const rows = server.cold.map((c, i) => [
    String(Math.floor(i / 2) + 1),
    c.kind === "fresh" ? "fresh (index built)" : "cached (index in KV)",
    ms(c.listening),
    ms(c.firstRecommend),
  ]);
  const summary = (["fresh", "cached"] as const)
    .map((kind) => `${kind}: median ${ms(median(server.cold.filter((c) => c.kind === kind).map((c) => c.firstRecommend)))}`)
    .join("; ");
  return {
    title: "Cold start (process spawn to first 200, wrangler dev including its bundling)",
    body: `${table(["run", "persist dir", "first /healthz", "first /v1/recommend"], rows)}\n\nTo first /v1/recommend, ${summary}.`,
  };
}

function bundles(m: Measurements): Section {
  const rows = m.bundles.map((b) => [b.name, mib(b.size.raw), mib(b.size.gzip), mib(b.limit), b.size.gzip <= b.limit ? "ok" : "TOO LARGE"]);
  return {
    title: "Bundle sizes (wrangler deploy --dry-run, every uploaded module)",
    body: table(["worker", "raw", "gzip", "limit (gzip)", ""], rows),
  };
}

function memory(m: Measurements): Section {
  const s = m.server.memory;
  const rows = [
    ["wrangler dev workerd, after first /healthz (nothing loaded)", mib(s.afterHealthz.rss), mib(s.afterHealthz.hwm)],
    [
      "... after first /v1/recommend (models, catalog, both indexes from KV)",
      mib(s.afterFirstRecommend.rss),
      mib(s.afterFirstRecommend.hwm),
    ],
    ["... after the load runs", mib(s.afterLoad.rss), mib(s.afterLoad.hwm)],
    ["fresh start, after first /v1/recommend (index built in the isolate)", mib(s.freshPeak.rss), mib(s.freshPeak.hwm)],
    ...m.benchWorker.map((b) => [`bench worker workerd, ${b.label}`, mib(b.memory.rss), mib(b.memory.hwm)]),
  ];
  const delta = s.afterFirstRecommend.rss - s.afterHealthz.rss;
  return {
    title: "Memory (resident set of the workerd process, /proc/<pid>/status)",
    body: `${table(["what", "VmRSS", "VmHWM (peak)"], rows)}\n\nLoading every model and index added ${mib(delta)} to the resident set of the workerd that runs both workers.`,
  };
}

/** What the edge isolate holds with everything loaded: V8's heap (inspector) plus its wasm memories (GET /v1/admin/memory). */
function isolates(p: PlainResult): Section {
  const wasm = p.wasm.onnxWasmBytes + p.wasm.indexes.text.bytes + p.wasm.indexes.item.bytes;
  const rows = p.isolates.flatMap((r) => [
    ["edge", r.label, mib(r.edge.used), mib(r.edge.total), mib(r.edge.buffers), mib(wasm), mib(r.edge.total + r.edge.buffers + wasm)],
    ["fusion", r.label, mib(r.fusion.used), mib(r.fusion.total), mib(r.fusion.buffers), "0", mib(r.fusion.total + r.fusion.buffers)],
  ]);
  const header = ["isolate", "when", "JS heap used", "JS heap committed", "array buffers", "wasm memory", "committed + buffers + wasm"];
  const settled = p.isolates.filter((r) => r.afterGc).at(-1);
  const peak = Math.max(...p.isolates.map((r) => r.edge.total + r.edge.buffers + wasm));
  const live = settled ? settled.edge.used + settled.edge.buffers + wasm : Number.NaN;
  const LIMIT = 128 * 1024 * 1024;
  return {
    title: "Isolate memory (plain workerd: V8 heap through the inspector, wasm bytes from GET /v1/admin/memory)",
    body: `${table(header, rows)}\n\nEdge wasm memory: onnxruntime-web ${mib(p.wasm.onnxWasmBytes)}, text index ${mib(p.wasm.indexes.text.bytes)} (${p.wasm.indexes.text.items} x ${p.wasm.indexes.text.dims}), item index ${mib(p.wasm.indexes.item.bytes)} (${p.wasm.indexes.item.items} x ${p.wasm.indexes.item.dims}). Target: the edge isolate with every model and index loaded well under 128 MB (taken as: what it holds after the load and a full GC, wasm included, under half the limit): ${mib(live)} (${((100 * live) / LIMIT).toFixed(0)}% of 128 MiB) ${met(live < LIMIT / 2)}. The largest reading with garbage still uncollected was ${mib(peak)} (JS heap committed + buffers + wasm): the heap V8 chose to keep while nothing made it collect.`,
  };
}

function growth(wrangler: ResidentGrowth[], plain: ResidentGrowth[], reference: ResidentGrowth[]): Section {
  const row = (where: string) => (g: ResidentGrowth) => [
    where,
    g.route,
    String(g.connections),
    String(g.requests),
    mib(g.before),
    mib(g.after),
    `${((g.after - g.before) / Math.max(1, g.requests) / 1024).toFixed(2)} KiB`,
  ];
  const total = (gs: ResidentGrowth[]) => {
    const requests = gs.reduce((n, g) => n + g.requests, 0);
    const bytes = gs.reduce((n, g) => n + g.after - g.before, 0);
    return `${requests} requests, ${mib(bytes)} (${(bytes / Math.max(1, requests) / 1024).toFixed(2)} KiB per request)`;
  };
  return {
    title: "Resident set across the load runs (workerd VmRSS before and after each run)",
    body: `${table(["server", "route", "connections", "requests", "VmRSS before", "VmRSS after", "per request"], [...wrangler.map(row("wrangler dev")), ...plain.map(row("plain workerd")), ...reference.map(row("plain workerd, reference"))])}\n\nOver all runs: wrangler dev ${total(wrangler)}; plain workerd ${total(plain)}; the reference worker, which allocates nothing of its own, ${total(reference)}. The isolates' JS heaps after a full GC stay flat across the load (table above), so the growth is outside them.`,
  };
}

export function sections(m: Measurements): Section[] {
  const reloads = m.server.reloadsDuringLoad;
  const reloaded = `\n\nwrangler dev reloaded the workers ${reloads} time(s) during these runs (a source file changed in the checkout)${reloads > 0 ? ": the rows around a reload include its stall" : ""}.`;
  return [
    encoders(m.encoders, m.clockAdvanceMs),
    scan(m.scan, m.config),
    load(
      "HTTP load on loopback through `npm start` (wrangler dev, both workers; autocannon, closed loop)",
      m.server.load,
      m.config.quick,
      reloaded,
    ),
    load(
      "HTTP load on loopback, plain workerd (both workers via Miniflare's API, no wrangler dev proxy)",
      m.plain.load,
      m.config.quick,
      "\n\nThe same routes and load as above; the difference is wrangler dev's proxy, which a deployed worker does not have.",
    ),
    cold(m.server),
    bundles(m),
    memory(m),
    isolates(m.plain),
    growth(m.server.growth, m.plain.growth, m.plain.reference),
  ];
}

export function markdown(m: Measurements, method: string): string {
  const head = [
    `# Benchmarks${m.config.quick ? " (--quick: tiny configuration, figures not meaningful)" : ""}`,
    "",
    `Machine: ${describeMachine(m.machine)}.`,
    "",
    `Command: \`${m.command}\` (${m.seconds.toFixed(0)} s). Every figure below comes from this one run.`,
  ];
  const body = sections(m).flatMap((s) => ["", `## ${s.title}`, "", s.body]);
  return [...head, ...body, "", "## Method", "", method, ""].join("\n");
}
