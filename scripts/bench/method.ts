// How the figures were taken; written under every report so a reader can judge them.
import type { BenchConfig } from "./config.ts";

export const method = (c: BenchConfig): string =>
  [
    `- **In workerd** a dedicated bench worker (scripts/bench/worker.ts) imports the project's own code (functions/edge/models/load.ts,`,
    `  functions/lib/onnx/runtime.ts, functions/lib/index/) and is bundled by \`wrangler deploy --dry-run\`, then run by Miniflare's API.`,
    "  Workers may freeze `performance.now()` while JavaScript runs (a Spectre mitigation: the clock moves only across I/O), so one",
    "  sample is: `await scheduler.wait(0)`, read the clock, run the operation N times back to back, `await scheduler.wait(0)`, read the",
    "  clock. The same sample with N = 0 (the timer round trip) is subtracted, and the result is divided by N. N is doubled until a",
    `  sample spans at least ${c.sampling.minSampleMs} ms (the clock has 1 ms resolution); ${c.sampling.samples} samples; the tables give the median and the p99 of`,
    "  those per-call means (not of single calls). The bench also checks whether the clock moves inside synchronous code in this workerd.",
    "- **In Node** the same sampler runs the same operations with `performance.now()`: onnxruntime-node (native, one intra-op thread, as",
    "  the wasm build has one) and onnxruntime-web's wasm build on the same model.onnx files, with the project's tokenizer and pooling.",
    "- Subjects compared in one table row are sampled **interleaved** (A, B, C, A, B, C, ...), so other work on the machine hits them alike.",
    "- **Scan** is `Int8Index.search(query, 200)` (the k the recommend pipeline asks each source for), cycling over 16 queries. The",
    "  **bound** is one plain loop summing the same int8 codes (same length, same content) in eight lanes, like the scan's dot product,",
    "  so it is limited by reading the bytes: scan / bound says how far the kernel is from a bare pass over its data in that runtime.",
    "- **HTTP** runs against `wrangler dev` with both configs, exactly `npm start`'s command but on a free 127.0.0.1 port and a temporary",
    "  `--persist-to`; autocannon keeps N connections busy for the given seconds (capped in requests) after a 1-connection warm-up.",
    "  Percentiles are computed from every 2xx response's own time (autocannon's histogram rounds to whole ms). Each request carries its",
    "  own `cf-connecting-ip`, i.e. comes from its own client: from one client the edge's per-client rate limit (1,200 per minute) would",
    "  answer 429 and the bench would time the limiter. autocannon runs in the same process as the bench, on the same 2 cores as",
    "  wrangler and workerd, so high connection counts measure the machine's saturation. Nothing leaves 127.0.0.1.",
    "- **Cold start** is the time from spawning wrangler dev to the first 200 of /healthz and of POST /v1/recommend; `fresh` uses an",
    "  empty persist dir (the edge encodes the catalog and stores the index in KV), `cached` restarts on the same dir.",
    "- **Memory** is VmRSS/VmHWM of the workerd process running both workers (wrangler's separate proxy workerd is not counted): the",
    "  isolates' heaps, the compiled ORT wasm and workerd itself. workerd gives a worker no heap API, so this is an upper bound for the",
    "  edge isolate, and the difference before/after the first recommend is what loading the models and indexes costs.",
  ].join("\n");
