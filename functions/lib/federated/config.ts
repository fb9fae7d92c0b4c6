// Federated settings come from wrangler vars as strings; a bad value is a deploy bug, so it throws rather than guessing.
import type { FederatedConfig } from "./types.ts";

export const FEDERATED_DEFAULTS: FederatedConfig = { clipNorm: 1, noiseMultiplier: 1, minParticipants: 2, weightCap: 1000 };

function num(raw: unknown, name: string, fallback: number, ok: (x: number) => boolean): number {
  if (raw === undefined || raw === "") return fallback;
  const x = typeof raw === "number" ? raw : Number(raw);
  if (!Number.isFinite(x) || !ok(x)) throw new Error(`${name}=${String(raw)} is not a valid setting`);
  return x;
}

/** The wrangler vars this reads; all optional, each falls back to FEDERATED_DEFAULTS. */
export interface FederatedVars {
  FED_CLIP_NORM?: unknown;
  FED_NOISE_MULTIPLIER?: unknown;
  FED_MIN_PARTICIPANTS?: unknown;
  FED_WEIGHT_CAP?: unknown;
}

export function federatedConfig(vars: FederatedVars): FederatedConfig {
  const d = FEDERATED_DEFAULTS;
  return {
    clipNorm: num(vars.FED_CLIP_NORM, "FED_CLIP_NORM", d.clipNorm, (x) => x > 0),
    noiseMultiplier: num(vars.FED_NOISE_MULTIPLIER, "FED_NOISE_MULTIPLIER", d.noiseMultiplier, (x) => x >= 0),
    minParticipants: num(vars.FED_MIN_PARTICIPANTS, "FED_MIN_PARTICIPANTS", d.minParticipants, (x) => Number.isInteger(x) && x >= 1),
    weightCap: num(vars.FED_WEIGHT_CAP, "FED_WEIGHT_CAP", d.weightCap, (x) => x > 0),
  };
}

/** eta for theta_i <- theta_i + eta (theta_global - theta_i), read at the edge. */
export function federatedEta(raw: unknown, fallback = 0.5): number {
  return num(raw, "FED_ETA", fallback, (x) => x >= 0 && x <= 1);
}
