// Top-k scans against memory-pass bounds on the same bytes, for the real catalog and a synthetic one: the JS scan against a JS
// pass, the wasm SIMD scan (what the edge serves with) against a SIMD pass, in workerd, and the SIMD scan in Node.
import { Int8Index } from "../../functions/lib/index/index.ts";
import { compileKernel } from "../kernel/assemble.ts";
import type { BenchConfig } from "./config.ts";
import { rowQueries, SCAN_K, scanOp, syntheticIndex, syntheticQueries } from "./kernels.ts";
import { nodeSampler, type Timing, timeTogether } from "./sampling.ts";
import type { BenchWorker } from "./workerd.ts";

export interface ScanRow {
  name: string;
  items: number;
  dims: number;
  workerdScan: Timing;
  workerdBound: Timing;
  workerdSimd: Timing;
  workerdSimdBound: Timing;
  nodeSimd: Timing;
  /** The first query's top-k ids agree: JS and SIMD scans in workerd, SIMD scan in Node. */
  sameTopK: boolean;
}

export async function benchScan(worker: BenchWorker, config: BenchConfig, overheadMs: number, say: (s: string) => void) {
  // The catalog index crosses over as bytes, so Node scans exactly what workerd built; the synthetic one is rebuilt from its seed.
  const catalog = Int8Index.fromBytes(new Uint8Array(await (await worker.get("/catalog-index")).arrayBuffer()));
  const cases = [
    { which: "catalog", name: "catalog (text vectors)", index: catalog, queries: rowQueries(catalog) },
    {
      which: "synthetic",
      name: "synthetic (Gaussian)",
      index: syntheticIndex(config.syntheticItems, config.syntheticDims),
      queries: syntheticQueries(config.syntheticDims),
    },
  ];
  const kernel = compileKernel();
  const rows: ScanRow[] = [];
  for (const c of cases) {
    say(`scan ${c.name} ${c.index.size} x ${c.index.dims}, k=${SCAN_K}: JS and SIMD scans and their bounds in workerd, SIMD in Node`);
    const top = await worker.json<{ js: number[]; simd: number[] }>(`/top?which=${c.which}`);
    const fast = c.index.accelerate(kernel);
    const local = Array.from(fast.search(c.queries[0]!, SCAN_K).ids);
    const same = (a: number[], b: number[]) => a.length === b.length && a.every((id, i) => id === b[i]);
    const [workerdScan, workerdBound, workerdSimd, workerdSimdBound, nodeSimd] = await timeTogether(
      [
        { sampler: worker.sampler(`scan-${c.which}`), overhead: overheadMs },
        { sampler: worker.sampler(`bound-${c.which}`), overhead: overheadMs },
        { sampler: worker.sampler(`simd-${c.which}`), overhead: overheadMs },
        { sampler: worker.sampler(`simdbound-${c.which}`), overhead: overheadMs },
        { sampler: nodeSampler(scanOp(fast, c.queries)) },
      ],
      config.sampling,
    );
    rows.push({
      name: c.name,
      items: c.index.size,
      dims: c.index.dims,
      workerdScan: workerdScan!,
      workerdBound: workerdBound!,
      workerdSimd: workerdSimd!,
      workerdSimdBound: workerdSimdBound!,
      nodeSimd: nodeSimd!,
      sameTopK: same(top.js, top.simd) && same(top.simd, local),
    });
  }
  return rows;
}
