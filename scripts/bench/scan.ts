// Top-k scan against the memory-pass bound on the same bytes, in workerd and in Node, for the real catalog and a synthetic one.
import { Int8Index } from "../../functions/lib/index/index.ts";
import type { BenchConfig } from "./config.ts";
import { codesOf, memoryPass, rowQueries, SCAN_K, scanOp, syntheticIndex, syntheticQueries } from "./kernels.ts";
import { nodeSampler, type Timing, timeTogether } from "./sampling.ts";
import type { BenchWorker } from "./workerd.ts";

export interface ScanRow {
  name: string;
  items: number;
  dims: number;
  workerdScan: Timing;
  workerdBound: Timing;
  nodeScan: Timing;
  nodeBound: Timing;
  /** The first query's top-k ids agree between workerd and Node. */
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
  const rows: ScanRow[] = [];
  for (const c of cases) {
    say(`scan ${c.name} ${c.index.size} x ${c.index.dims}, k=${SCAN_K}: workerd and Node, scan and bound`);
    const { ids } = await worker.json<{ ids: number[] }>(`/top?which=${c.which}`);
    const local = Array.from(c.index.search(c.queries[0]!, SCAN_K).ids);
    const codes = codesOf(c.index);
    const [workerdScan, workerdBound, nodeScan, nodeBound] = await timeTogether(
      [
        { sampler: worker.sampler(`scan-${c.which}`), overhead: overheadMs },
        { sampler: worker.sampler(`bound-${c.which}`), overhead: overheadMs },
        { sampler: nodeSampler(scanOp(c.index, c.queries)) },
        { sampler: nodeSampler(() => memoryPass(codes)) },
      ],
      config.sampling,
    );
    rows.push({
      name: c.name,
      items: c.index.size,
      dims: c.index.dims,
      workerdScan: workerdScan!,
      workerdBound: workerdBound!,
      nodeScan: nodeScan!,
      nodeBound: nodeBound!,
      sameTopK: ids.length === local.length && ids.every((id, i) => id === local[i]),
    });
  }
  return rows;
}
