// One timing method for both runtimes: samples of `iters` back-to-back runs, the per-run time of a sample is its mean, and the
// figure reported is the median (and p99) over samples. Iterations are calibrated so each sample spans at least `minSampleMs`,
// far above the clock's resolution.
import { median, quantile } from "./stats.ts";

export interface Sample {
  /** Time of the whole sample as the runtime's own clock saw it, ms. */
  ms: number;
}

export type Sampler = (iters: number) => Promise<Sample>;

export interface Timing {
  median: number;
  p99: number;
  iters: number;
  samples: number;
}

export interface SamplingConfig {
  samples: number;
  minSampleMs: number;
  maxIters: number;
}

export interface Subject {
  sampler: Sampler;
  /** Sample time of zero iterations, subtracted from every sample (workerd: the timer round trip that lets its clock move). */
  overhead?: number;
}

async function calibrate({ sampler, overhead = 0 }: Subject, config: SamplingConfig): Promise<number> {
  let iters = 1;
  for (;;) {
    const { ms } = await sampler(iters);
    if (ms - overhead >= config.minSampleMs || iters >= config.maxIters) return iters;
    iters = Math.min(config.maxIters, iters * (ms - overhead > config.minSampleMs / 8 ? 2 : 8));
  }
}

/**
 * Times several subjects whose ratios are reported: their samples are interleaved (A, B, C, A, B, C, ...), so a burst of other
 * work on the machine lands on all of them alike instead of on whichever happened to run then.
 */
export async function timeTogether(subjects: readonly Subject[], config: SamplingConfig): Promise<Timing[]> {
  const iters: number[] = [];
  for (const subject of subjects) iters.push(await calibrate(subject, config));
  const perRun: number[][] = subjects.map(() => []);
  for (let s = 0; s < config.samples; s++) {
    for (const [i, { sampler, overhead = 0 }] of subjects.entries()) {
      const n = iters[i]!;
      perRun[i]!.push(((await sampler(n)).ms - overhead) / n);
    }
  }
  return perRun.map((runs, i) => ({ median: median(runs), p99: quantile(runs, 0.99), iters: iters[i]!, samples: config.samples }));
}

export function nodeSampler(run: () => unknown): Sampler {
  return async (iters) => {
    const start = performance.now();
    for (let i = 0; i < iters; i++) await run();
    return { ms: performance.now() - start };
  };
}
