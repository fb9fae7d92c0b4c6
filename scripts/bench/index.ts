// `npm run bench`: encoder, scan, HTTP, cold-start, bundle and memory figures measured in one run; tables to stdout, progress to stderr.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { bundleSize, bundleWorker, LIMIT_GZIP, WORKERS } from "../lib/bundle-size.ts";
import { FULL, QUICK } from "./config.ts";
import { benchEncoders } from "./encoders.ts";
import { machine } from "./machine.ts";
import { method } from "./method.ts";
import { benchPlain } from "./plain-server.ts";
import { type Measurements, markdown, sections } from "./report.ts";
import { benchScan } from "./scan.ts";
import { benchServer } from "./server.ts";
import { median } from "./stats.ts";
import { startBenchWorker } from "./workerd.ts";

const { values } = parseArgs({ options: { quick: { type: "boolean", default: false }, out: { type: "string" } } });
const config = values.quick ? QUICK : FULL;
const out = resolve(values.out ?? (config.quick ? ".tmp/bench/quick.md" : "reports/bench.md"));
const started = performance.now();
/** Where each worker's dry-run bundle goes: measured for size, then run by the plain-workerd load. */
const dist = (name: string) => resolve(".tmp/bench/dist", name);
const say = (line: string) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);

say(`${config.quick ? "quick" : "full"} configuration; report -> ${out}`);
say(
  `bundling ${WORKERS.map((w) => w.name).join(", ")} and the bench worker (wrangler deploy --dry-run), then starting the bench worker in workerd`,
);
// Bundling mostly waits on wrangler, so the three run side by side.
const [bundles, worker] = await Promise.all([
  Promise.all(
    WORKERS.map(async (w) => ({
      name: w.name,
      size: bundleSize(await bundleWorker(w.config, dist(w.name))),
      limit: LIMIT_GZIP,
    })),
  ),
  startBenchWorker(".tmp/bench/worker"),
]);
let measured: Omit<Measurements, "server" | "plain" | "seconds" | "bundles" | "machine" | "command" | "config">;
try {
  const benchWorker = [{ label: "started, nothing loaded", memory: worker.memory() }];
  const { syncAdvanceMs } = await worker.json<{ syncAdvanceMs: number }>("/frozen");
  say(`clock moved ${syncAdvanceMs} ms inside one synchronous loop in this workerd`);
  say(`loading models and encoding ${config.catalogItems || "all"} catalog items in workerd`);
  await worker.json(`/setup?catalog=${config.catalogItems}`);
  benchWorker.push({ label: "models + catalog index loaded", memory: worker.memory() });
  await worker.json(`/setup?catalog=${config.catalogItems}&synthetic=${config.syntheticItems}&dims=${config.syntheticDims}`);
  benchWorker.push({ label: `+ synthetic ${config.syntheticItems} x ${config.syntheticDims} index`, memory: worker.memory() });
  const overheads: number[] = [];
  for (let i = 0; i < 2 * config.sampling.samples; i++) overheads.push((await worker.sampler("noop")(0)).ms);
  const overheadMs = median(overheads);
  const encoders = await benchEncoders(worker, config, overheadMs, say);
  const scan = await benchScan(worker, config, overheadMs, say);
  measured = {
    clockAdvanceMs: syncAdvanceMs,
    encoders,
    scan,
    benchWorker: benchWorker.flatMap((b) => (b.memory ? [{ label: b.label, memory: b.memory }] : [])),
  };
} finally {
  await worker.stop();
}

const server = await benchServer(config, say);
const plain = await benchPlain(config, { edge: dist("edge"), fusion: dist("fusion") }, say);
const m: Measurements = {
  ...measured,
  server,
  plain,
  bundles,
  machine: machine(),
  command: `npm run bench${config.quick ? " -- --quick" : ""}`,
  config,
  seconds: (performance.now() - started) / 1000,
};
for (const s of sections(m)) process.stdout.write(`\n## ${s.title}\n\n${s.body}\n`);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, markdown(m, method(config)));
say(`wrote ${out}`);
// Sockets and handles left by autocannon and Miniflare can hold the event loop open for seconds after the servers are gone.
process.exit(0);
