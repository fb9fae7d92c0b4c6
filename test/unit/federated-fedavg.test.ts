import { describe, expect, it } from "vitest";
import { cryptoRng, fedAvg } from "../../functions/lib/federated/fedavg.ts";
import { gaussian, mulberry32 } from "../../functions/lib/random.ts";

const noNoise = { clipNorm: 1, noiseMultiplier: 0, weightCap: 20, rng: mulberry32(1) };

describe("fedAvg", () => {
  it("clips each delta, weights by min(1, n / n_cap) and divides by W (hand-computed)", () => {
    // [3,4] -> clipped [0.6,0.8], w = 10/20 = 0.5;  [0,1] within the norm, w = min(1, 30/20) = 1.
    // sum = [0.3, 0.4 + 1] = [0.3, 1.4];  W = 1.5;  mean = [0.2, 0.9333...].
    const r = fedAvg(
      [
        { delta: [3, 4], n: 10 },
        { delta: [0, 1], n: 30 },
      ],
      noNoise,
    );
    expect(r.delta[0]).toBeCloseTo(0.2, 12);
    expect(r.delta[1]).toBeCloseTo(1.4 / 1.5, 12);
    expect(r).toMatchObject({ participants: 2, weightSum: 1.5, clipped: 1, sigma: 0 });
  });

  it("is the n-weighted mean when every location is under the cap and nothing is clipped", () => {
    const r = fedAvg(
      [
        { delta: [0.1, 0], n: 100 },
        { delta: [0.4, 0.3], n: 300 },
      ],
      { ...noNoise, weightCap: 1000 },
    );
    expect(r.delta[0]).toBeCloseTo((0.1 * 100 + 0.4 * 300) / 400, 12);
    expect(r.delta[1]).toBeCloseTo((0.3 * 300) / 400, 12);
  });

  it("adds N(0, (z C)^2) to the sum: seeded noise is deterministic and equals the hand computation", () => {
    const opts = { clipNorm: 0.5, noiseMultiplier: 2, weightCap: 1, seed: 7 };
    const updates = [
      { delta: [0.3, 0.4], n: 5 },
      { delta: [0, 0], n: 5 },
    ];
    const a = fedAvg(updates, { ...opts, rng: mulberry32(opts.seed) });
    const b = fedAvg(updates, { ...opts, rng: mulberry32(opts.seed) });
    expect(a.delta).toEqual(b.delta);
    const normal = gaussian(mulberry32(opts.seed));
    // W = 2, sd of the sum's noise = z * C = 1.
    expect(a.delta[0]).toBeCloseTo((0.3 + 1 * normal()) / 2, 12);
    expect(a.delta[1]).toBeCloseTo((0.4 + 1 * normal()) / 2, 12);
    expect(a.sigma).toBe(0.5);
    const c = fedAvg(updates, { ...opts, rng: mulberry32(8) });
    expect(c.delta).not.toEqual(a.delta);
  });

  it("gives the mean noise the documented standard deviation z C / W", () => {
    const dims = 20_000;
    const r = fedAvg([{ delta: new Array(dims).fill(0), n: 1 }], { clipNorm: 2, noiseMultiplier: 1.5, weightCap: 4, rng: mulberry32(3) });
    const sd = Math.sqrt(r.delta.reduce((a, x) => a + x * x, 0) / dims);
    // W = 1/4, so sd = 1.5 * 2 / 0.25 = 12.
    expect(r.sigma).toBe(12);
    expect(sd).toBeGreaterThan(11.7);
    expect(sd).toBeLessThan(12.3);
  });

  it("rejects empty input, mismatched lengths and n <= 0", () => {
    expect(() => fedAvg([], noNoise)).toThrow(RangeError);
    expect(() =>
      fedAvg(
        [
          { delta: [1], n: 1 },
          { delta: [1, 2], n: 1 },
        ],
        noNoise,
      ),
    ).toThrow(RangeError);
    expect(() => fedAvg([{ delta: [1], n: 0 }], noNoise)).toThrow(RangeError);
  });
});

describe("cryptoRng", () => {
  it("draws uniforms in [0, 1)", () => {
    const rng = cryptoRng();
    const xs = Array.from({ length: 1000 }, rng);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(xs).size).toBe(1000);
  });
});
