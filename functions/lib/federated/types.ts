// Federated-learning contracts between the edge and the centre: only parameter vectors and counts, never events.
import type { PrivacyReport } from "./privacy.ts";

/** What a location sends: its full local theta after training on round `round`'s global, and how many examples it used. */
export interface Submission {
  location: string;
  round: number;
  theta: number[];
  n: number;
}

export type SubmitOutcome = { ok: true; round: number; pending: number } | { ok: false; reason: string };

export interface GlobalParams {
  /** The round now open for submissions; theta is the global that round's updates must start from. */
  round: number;
  theta: number[];
  /** Names of theta's entries (lib/federated/layout.ts), so a reader can never misalign it. */
  layout: string[];
  /** Locations and W of the aggregation that produced theta (0 for the initial theta). */
  participants: number;
  weightSum: number;
  privacy: PrivacyReport;
}

export type CloseOutcome =
  | { ok: true; closed: number; global: GlobalParams; clipped: number; sigma: number }
  | { ok: false; reason: string; round: number; pending: number };

export interface FederatedConfig {
  clipNorm: number;
  noiseMultiplier: number;
  minParticipants: number;
  weightCap: number;
}
