import { describe, expect, it } from "vitest";
import { FEDERATED_DEFAULTS, federatedConfig, federatedEta } from "../../functions/lib/federated/config.ts";
import { epsilonFor, privacyReport, zcdpRho } from "../../functions/lib/federated/privacy.ts";

describe("privacy accounting (zCDP of the Gaussian mechanism, composed over rounds)", () => {
  it("rho = R / (2 z^2) and epsilon = rho + 2 sqrt(rho ln(1/delta)) (hand-computed)", () => {
    expect(zcdpRho(1, 1)).toBe(0.5);
    expect(zcdpRho(2, 8)).toBe(1);
    // rho = 0.5, ln(1e5) = 11.512925...; 0.5 + 2 sqrt(5.7564627) = 0.5 + 4.7985...
    expect(epsilonFor(1, 1, 1e-5)).toBeCloseTo(5.29854, 4);
    expect(epsilonFor(2, 8, 1e-5)).toBeCloseTo(1 + 2 * Math.sqrt(Math.log(1e5)), 12);
  });

  it("reports infinite epsilon without noise and zero before any round", () => {
    expect(epsilonFor(0, 3, 1e-5)).toBe(Number.POSITIVE_INFINITY);
    expect(epsilonFor(1, 0, 1e-5)).toBe(0);
    expect(privacyReport(1, 0.5, 10)).toMatchObject({ unit: "one location", noiseMultiplier: 1, clipNorm: 0.5, rounds: 10, rho: 5 });
  });
});

describe("federated config from wrangler vars", () => {
  it("falls back to the defaults and parses strings", () => {
    expect(federatedConfig({})).toEqual(FEDERATED_DEFAULTS);
    expect(federatedConfig({ FED_CLIP_NORM: "0.5", FED_NOISE_MULTIPLIER: "0", FED_MIN_PARTICIPANTS: "3", FED_WEIGHT_CAP: "50" })).toEqual({
      clipNorm: 0.5,
      noiseMultiplier: 0,
      minParticipants: 3,
      weightCap: 50,
    });
    expect(federatedEta(undefined)).toBe(0.5);
    expect(federatedEta("0.2")).toBe(0.2);
  });

  it("throws on a setting that makes no sense (a deploy bug, not a client error)", () => {
    expect(() => federatedConfig({ FED_CLIP_NORM: "0" })).toThrow(/FED_CLIP_NORM/);
    expect(() => federatedConfig({ FED_MIN_PARTICIPANTS: "1.5" })).toThrow(/FED_MIN_PARTICIPANTS/);
    expect(() => federatedConfig({ FED_NOISE_MULTIPLIER: "lots" })).toThrow(/FED_NOISE_MULTIPLIER/);
    expect(() => federatedEta("2")).toThrow(/FED_ETA/);
  });
});
