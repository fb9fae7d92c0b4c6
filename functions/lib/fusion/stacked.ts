// Learned fusion: logistic regression over minmax-normalised source scores, trained offline, served here.

import { mulberry32, shuffleInPlace } from "../random.ts";
import { Fnv1a64 } from "./digest.ts";
import { normalizeColumn } from "./normalize.ts";
import type { FusionPlan, Scored, Stacker } from "./types.ts";

/** Indicator feature names: `missing:<source>` is 1 when that source did not score the item. */
export const MISSING_PREFIX = "missing:";

export type FeatureRow = Record<string, number | null>;
export interface StackerExample {
  features: FeatureRow;
  label: 0 | 1;
}
export interface TrainOptions {
  epochs: number;
  lr: number;
  l2: number;
  seed: number;
  /** Add a `missing:<source>` feature per source (default true). */
  missingIndicators?: boolean;
  /** Defaults to a digest of the learned coefficients, so different models never share a version. */
  version?: string;
}

function sigmoid(z: number): number {
  // Two branches so exp never overflows into Infinity / Infinity.
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** Value of each stacker feature for one item; a missing source contributes 0 (and 1 on its indicator). */
function featureValues(features: readonly string[], lookup: (source: string) => number | null): Float64Array {
  return Float64Array.from(features, (f) =>
    f.startsWith(MISSING_PREFIX) ? (lookup(f.slice(MISSING_PREFIX.length)) === null ? 1 : 0) : (lookup(f) ?? 0),
  );
}

function predict(st: Stacker, x: Float64Array): number {
  let z = st.bias;
  st.weights.forEach((w, i) => {
    z += w * (x[i] ?? 0);
  });
  return sigmoid(z);
}

/** Why a stacker cannot serve these sources (a sentence for `fallback`), or null when it can. */
export function stackerMismatch(st: Stacker | null, sources: readonly string[]): string | null {
  if (st === null) return "stacked requested but no stacker was supplied (not trained); used weighted";
  if (st.trainedOn === 0) return `stacker ${st.version} was trained on 0 examples; used weighted`;
  const base = st.features.map((f) => (f.startsWith(MISSING_PREFIX) ? f.slice(MISSING_PREFIX.length) : f));
  const own = [...new Set(st.features.filter((f) => !f.startsWith(MISSING_PREFIX)))].sort();
  const matches = own.length === sources.length && own.every((f, i) => f === sources[i]) && base.every((b) => sources.includes(b));
  return matches
    ? null
    : `stacker ${st.version} features [${st.features.join(", ")}] do not match sources [${sources.join(", ")}]; used weighted`;
}

/** Minmax-normalised per-candidate features, exactly as served: use this to build training examples offline. */
export function stackerFeatures(candidates: readonly number[], scores: Record<string, readonly (number | null)[]>): FeatureRow[] {
  const normalized = Object.entries(scores).map(([name, col]) => [name, normalizeColumn(col, "minmax")] as const);
  return candidates.map((_, i) => Object.fromEntries(normalized.map(([name, col]) => [name, col[i] ?? null])));
}

export function stackedScores(plan: FusionPlan, st: Stacker): Scored {
  const normalized = plan.columns.map((col) => normalizeColumn(col, "minmax"));
  const sourceIndex = new Map(plan.sources.map((s, i) => [s, i]));
  const scores = Float64Array.from(plan.candidates, (_, i) =>
    predict(
      st,
      featureValues(st.features, (s) => normalized[sourceIndex.get(s) ?? -1]?.[i] ?? null),
    ),
  );
  const coefficient = plan.sources.map((s) => st.weights[st.features.indexOf(s)] ?? 0);
  return { scores, normalized, weightOf: (s) => coefficient[s] ?? 0 };
}

function checkExamples(examples: readonly StackerExample[]): void {
  examples.forEach((ex, i) => {
    if (ex.label !== 0 && ex.label !== 1) throw new RangeError(`examples[${i}].label must be 0 or 1`);
    for (const [name, v] of Object.entries(ex.features)) {
      if (v !== null && !Number.isFinite(v)) throw new RangeError(`examples[${i}].features.${name} is not finite`);
    }
  });
}

/** Deterministic SGD on log loss + L2: same examples, options and seed give the same Stacker everywhere. */
export function trainStacker(examples: readonly StackerExample[], opts: TrainOptions): Stacker {
  const { epochs, lr, l2, seed } = opts;
  if (!Number.isInteger(epochs) || epochs < 0) throw new RangeError("epochs must be an integer >= 0");
  if (!(lr > 0 && Number.isFinite(lr))) throw new RangeError("lr must be a finite number > 0");
  if (!(l2 >= 0 && Number.isFinite(l2))) throw new RangeError("l2 must be a finite number >= 0");
  checkExamples(examples);
  const sources = [...new Set(examples.flatMap((ex) => Object.keys(ex.features)))].sort();
  const features = opts.missingIndicators === false ? sources : [...sources, ...sources.map((s) => MISSING_PREFIX + s)];
  const xs = examples.map((ex) => featureValues(features, (s) => ex.features[s] ?? null));
  const st: Stacker = { features, weights: features.map(() => 0), bias: 0, version: "", trainedOn: examples.length };
  const order = xs.map((_, i) => i);
  const rng = mulberry32(seed);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const i of shuffleInPlace(order, rng)) {
      const x = xs[i] as Float64Array;
      const g = predict(st, x) - (examples[i] as StackerExample).label;
      st.weights = st.weights.map((w, f) => w - lr * (g * (x[f] ?? 0) + l2 * w));
      st.bias -= lr * g;
    }
  }
  if (!st.weights.every(Number.isFinite) || !Number.isFinite(st.bias)) {
    throw new Error("trainStacker diverged (non-finite coefficients); lower lr or raise l2");
  }
  const h = new Fnv1a64().f64(st.bias);
  for (const [i, f] of features.entries()) h.str(f).f64(st.weights[i] ?? 0);
  return { ...st, version: opts.version ?? `sgd-${h.hex()}` };
}

/** Mean log loss (natural log) of the stacker on labelled examples; probabilities clamped to avoid log(0). */
export function stackerLogLoss(st: Stacker, examples: readonly StackerExample[]): number {
  if (examples.length === 0) throw new RangeError("stackerLogLoss needs at least one example");
  checkExamples(examples);
  const eps = 1e-15;
  let total = 0;
  for (const ex of examples) {
    const p = Math.min(
      1 - eps,
      Math.max(
        eps,
        predict(
          st,
          featureValues(st.features, (s) => ex.features[s] ?? null),
        ),
      ),
    );
    total -= ex.label === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return total / examples.length;
}
