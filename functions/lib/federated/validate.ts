// Checks a submission before it can touch the centre's state; every rejection is a sentence the edge can log.
import type { Submission } from "./types.ts";

const LOCATION = /^[A-Za-z0-9_.:-]{1,64}$/;
/** A parameter this large is a bug or an attack; clipping would hide it, so it is rejected outright. */
export const MAX_PARAMETER_MAGNITUDE = 1e6;
export const MAX_EXAMPLES = 1e9;

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/** Why the submission cannot be accepted for `round` with a theta of `length` entries, or null when it can. */
export function submissionProblem(input: unknown, round: number, length: number): string | null {
  if (!isRecord(input)) return "submission must be an object {location, round, theta, n}";
  const { location, round: r, theta, n } = input;
  if (typeof location !== "string" || !LOCATION.test(location)) return "location must be 1-64 letters, digits or _ . : -";
  if (typeof r !== "number" || !Number.isInteger(r) || r < 0) return "round must be an integer >= 0";
  if (r < round) return `stale round ${r}: round ${round} is open`;
  if (r > round) return `round ${r} is not open yet: round ${round} is open`;
  if (!Array.isArray(theta)) return "theta must be an array of numbers";
  if (theta.length !== length) return `theta has ${theta.length} entries; expected ${length}`;
  for (let i = 0; i < theta.length; i++) {
    const v: unknown = theta[i];
    if (typeof v !== "number" || !Number.isFinite(v)) return `theta[${i}] is not a finite number`;
    if (Math.abs(v) > MAX_PARAMETER_MAGNITUDE) return `theta[${i}] exceeds ${MAX_PARAMETER_MAGNITUDE} in magnitude`;
  }
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n > MAX_EXAMPLES) return "n must be an integer from 1 to 1e9";
  return null;
}

export function isSubmission(input: unknown, round: number, length: number): input is Submission {
  return submissionProblem(input, round, length) === null;
}
