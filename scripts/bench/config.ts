// The two configurations: the full run that the README quotes, and --quick, which CI runs to keep the command working.
import type { SamplingConfig } from "./sampling.ts";

export interface BenchConfig {
  quick: boolean;
  sampling: SamplingConfig;
  /** Texts / item rows per batched encoder call. */
  batch: number;
  /** Catalog items to index (0 = the whole shipped catalog). */
  catalogItems: number;
  syntheticItems: number;
  syntheticDims: number;
  connections: number[];
  loadSeconds: number;
  warmupSeconds: number;
  /** Hard cap on requests per load run, whatever the duration. */
  maxRequests: number;
  coldRuns: number;
}

export const FULL: BenchConfig = {
  quick: false,
  sampling: { samples: 21, minSampleMs: 50, maxIters: 20_000 },
  batch: 32,
  catalogItems: 0,
  syntheticItems: 100_000,
  syntheticDims: 64,
  connections: [1, 10, 50],
  loadSeconds: 5,
  warmupSeconds: 1,
  maxRequests: 100_000,
  coldRuns: 3,
};

export const QUICK: BenchConfig = {
  quick: true,
  sampling: { samples: 3, minSampleMs: 5, maxIters: 200 },
  batch: 4,
  catalogItems: 256,
  syntheticItems: 2_000,
  syntheticDims: 64,
  connections: [1],
  loadSeconds: 1,
  warmupSeconds: 0.2,
  maxRequests: 2_000,
  coldRuns: 1,
};
