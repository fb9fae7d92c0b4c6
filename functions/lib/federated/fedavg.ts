// DP-FedAvg aggregation at the centre (McMahan, Ramage, Talwar, Zhang 2018, "Learning Differentially Private Recurrent Language Models").
import { gaussian, type Rng } from "../random.ts";
import { clip, l2norm } from "./vector.ts";

/** One location's contribution: its delta from the global theta of the round it trained on, and its example count. */
export interface Update {
  delta: readonly number[];
  n: number;
}

export interface FedAvgOptions {
  /** C: every delta is scaled to L2 norm <= C before averaging. */
  clipNorm: number;
  /** z: the noise added to the weighted sum has standard deviation z * C per coordinate; 0 turns noise off. */
  noiseMultiplier: number;
  /** n_cap: a location's weight is min(1, n / n_cap), so no location weighs more than 1 and the sum's sensitivity is C. */
  weightCap: number;
  /** Uniform source for the noise: seeded (mulberry32) in tests and simulations, cryptoRng() at the centre. */
  rng: Rng;
}

export interface FedAvgResult {
  /** The noisy weighted mean delta, to be added to the previous global theta. */
  delta: number[];
  participants: number;
  /** W = sum of min(1, n_k / n_cap). */
  weightSum: number;
  /** Per-coordinate standard deviation of the noise in the mean: z * C / W. */
  sigma: number;
  /** How many updates the clip shortened. */
  clipped: number;
}

/**
 * delta = ( sum_k w_k clip(delta_k, C) + N(0, (z C)^2 I) ) / W,   w_k = min(1, n_k / n_cap),   W = sum_k w_k.
 * Adding or removing one location changes the numerator by at most C (w_k <= 1), so the numerator is the Gaussian
 * mechanism with noise multiplier z; W and the participant count are released in the clear (see privacy.ts).
 */
export function fedAvg(updates: readonly Update[], opts: FedAvgOptions): FedAvgResult {
  const { clipNorm, noiseMultiplier, weightCap } = opts;
  if (updates.length === 0) throw new RangeError("fedAvg needs at least one update");
  if (!(noiseMultiplier >= 0 && Number.isFinite(noiseMultiplier))) throw new RangeError("noiseMultiplier must be finite and >= 0");
  if (!(weightCap > 0 && Number.isFinite(weightCap))) throw new RangeError("weightCap must be finite and > 0");
  const dims = updates[0]?.delta.length ?? 0;
  const sum = new Array<number>(dims).fill(0);
  let weightSum = 0;
  let clipped = 0;
  for (const u of updates) {
    if (u.delta.length !== dims) throw new RangeError(`update lengths differ: ${u.delta.length} vs ${dims}`);
    if (!(u.n > 0 && Number.isFinite(u.n))) throw new RangeError("every update needs n > 0");
    const w = Math.min(1, u.n / weightCap);
    if (l2norm(u.delta) > clipNorm) clipped++;
    clip(u.delta, clipNorm).forEach((x, i) => {
      sum[i] = (sum[i] as number) + w * x;
    });
    weightSum += w;
  }
  const normal = gaussian(opts.rng);
  const noiseSd = noiseMultiplier * clipNorm;
  const delta = sum.map((s) => (noiseSd > 0 ? s + noiseSd * normal() : s) / weightSum);
  return { delta, participants: updates.length, weightSum, sigma: noiseSd / weightSum, clipped };
}

/** Uniform floats from the platform CSPRNG: DP noise must not be predictable from a seed. 53 random bits per draw. */
export function cryptoRng(): Rng {
  const buf = new Uint32Array(2);
  return () => {
    crypto.getRandomValues(buf);
    return ((buf[0] as number) * 2 ** 21 + ((buf[1] as number) >>> 11)) / 2 ** 53;
  };
}
