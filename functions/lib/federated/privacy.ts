// Privacy accounting for DP-FedAvg with every registered location taking part in every round (no subsampling is assumed).

/**
 * What the centre reports. The protected unit is one location's whole contribution (all of its users' events) in every round:
 * neighbouring datasets differ by adding or removing one location. Each round is the Gaussian mechanism with L2 sensitivity C
 * and noise sd z*C, which is rho = 1 / (2 z^2) zero-concentrated DP (Bun & Steinke 2016, Prop. 1.6); R rounds compose to
 * rho = R / (2 z^2) (Lemma 2.3), and rho-zCDP implies (rho + 2 sqrt(rho ln(1/delta)), delta)-DP (Prop. 1.3).
 * Not covered: W and the participant count, which are released in the clear, and floating-point noise attacks (Mironov 2012).
 */
export interface PrivacyReport {
  mechanism: "DP-FedAvg (Gaussian, per-location clipping, no subsampling)";
  unit: "one location";
  noiseMultiplier: number;
  clipNorm: number;
  rounds: number;
  delta: number;
  /** Infinity when noise is off. */
  epsilon: number;
  rho: number;
}

export function zcdpRho(noiseMultiplier: number, rounds: number): number {
  if (rounds === 0) return 0;
  return noiseMultiplier > 0 ? rounds / (2 * noiseMultiplier * noiseMultiplier) : Number.POSITIVE_INFINITY;
}

export function epsilonFor(noiseMultiplier: number, rounds: number, delta: number): number {
  if (!(delta > 0 && delta < 1)) throw new RangeError("delta must be in (0, 1)");
  const rho = zcdpRho(noiseMultiplier, rounds);
  return rho + 2 * Math.sqrt(rho * Math.log(1 / delta));
}

export function privacyReport(noiseMultiplier: number, clipNorm: number, rounds: number, delta = 1e-5): PrivacyReport {
  return {
    mechanism: "DP-FedAvg (Gaussian, per-location clipping, no subsampling)",
    unit: "one location",
    noiseMultiplier,
    clipNorm,
    rounds,
    delta,
    epsilon: epsilonFor(noiseMultiplier, rounds, delta),
    rho: zcdpRho(noiseMultiplier, rounds),
  };
}
