// Local training at one location: SGD on log loss over its own users' positive/negative feedback, starting from theta.
import { mulberry32, shuffleInPlace } from "../random.ts";
import { blocks, LAYOUT, type Layout } from "./layout.ts";

/** One labelled reaction: the item's per-source normalised scores (null = that source did not score it) and 1/0. */
export interface Example {
  scores: Readonly<Record<string, number | null>>;
  label: 0 | 1;
}

export interface SgdOptions {
  epochs: number;
  lr: number;
  /** L2 on logits and stacker coefficients (not on scale, offsets or bias), pulling towards equal weights / no opinion. */
  l2: number;
  seed: number;
}

export const SGD_DEFAULTS: SgdOptions = { epochs: 1, lr: 0.05, l2: 1e-4, seed: 1 };

export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

interface Row {
  x: Float64Array;
  scored: Uint8Array;
  label: 0 | 1;
}

function rowOf(layout: Layout, ex: Example): Row {
  const m = layout.sources.length;
  const x = new Float64Array(m);
  const scored = new Uint8Array(m);
  layout.sources.forEach((s, j) => {
    const v = ex.scores[s];
    if (v !== null && v !== undefined && Number.isFinite(v)) {
      x[j] = v;
      scored[j] = 1;
    }
  });
  return { x, scored, label: ex.label };
}

/**
 * Both heads' predictions for one row. The weights head mirrors lib/fusion's "weighted" strategy with missing = "renormalize":
 * softmax restricted to the sources that scored the item is exactly the full softmax renormalised over them.
 */
function forward(theta: readonly number[], layout: Layout, r: Row) {
  const b = blocks(layout);
  const m = layout.sources.length;
  let max = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < m; j++) if (r.scored[j]) max = Math.max(max, theta[b.logit + j] as number);
  const w = new Float64Array(m);
  let sum = 0;
  for (let j = 0; j < m; j++) {
    if (!r.scored[j]) continue;
    w[j] = Math.exp((theta[b.logit + j] as number) - max);
    sum += w[j] as number;
  }
  let score = 0;
  for (let j = 0; j < m; j++) {
    if (sum === 0) break;
    w[j] = (w[j] as number) / sum;
    score += (w[j] as number) * (r.x[j] as number);
  }
  const pWeighted = sum > 0 ? sigmoid((theta[b.scale] as number) * score + (theta[b.offset] as number)) : null;
  let z = theta[b.bias] as number;
  for (let j = 0; j < m; j++) z += r.scored[j] ? (theta[b.weight + j] as number) * (r.x[j] as number) : (theta[b.missing + j] as number);
  return { w, score, pWeighted, pStacked: sigmoid(z) };
}

/** Plain SGD, one example at a time in a seeded shuffled order: same inputs give the same theta in Node and workerd. */
export function localSgd(
  theta: readonly number[],
  examples: readonly Example[],
  opts: SgdOptions = SGD_DEFAULTS,
  layout: Layout = LAYOUT,
): number[] {
  const b = blocks(layout);
  if (theta.length !== b.length) throw new RangeError(`theta has ${theta.length} entries; the layout needs ${b.length}`);
  const m = layout.sources.length;
  const t = [...theta];
  const rows = examples.map((ex) => rowOf(layout, ex));
  const order = rows.map((_, i) => i);
  const rng = mulberry32(opts.seed);
  const { lr, l2 } = opts;
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (const i of shuffleInPlace(order, rng)) {
      const r = rows[i] as Row;
      const f = forward(t, layout, r);
      if (f.pWeighted !== null) {
        const g = f.pWeighted - r.label;
        const scale = t[b.scale] as number;
        for (let j = 0; j < m; j++) {
          const grad = r.scored[j] ? g * scale * (f.w[j] as number) * ((r.x[j] as number) - f.score) : 0;
          t[b.logit + j] = (t[b.logit + j] as number) - lr * (grad + l2 * (t[b.logit + j] as number));
        }
        t[b.scale] = scale - lr * g * f.score;
        t[b.offset] = (t[b.offset] as number) - lr * g;
      }
      const g = f.pStacked - r.label;
      for (let j = 0; j < m; j++) {
        const k = r.scored[j] ? b.weight + j : b.missing + j;
        const x = r.scored[j] ? (r.x[j] as number) : 1;
        t[k] = (t[k] as number) - lr * (g * x + l2 * (t[k] as number));
      }
      t[b.bias] = (t[b.bias] as number) - lr * g;
    }
  }
  if (!t.every(Number.isFinite)) throw new Error("localSgd diverged (non-finite theta); lower lr");
  return t;
}

/** Mean log loss of each head (the weights head over examples some source scored). */
export function logLoss(
  theta: readonly number[],
  examples: readonly Example[],
  layout: Layout = LAYOUT,
): { weighted: number; stacked: number } {
  const eps = 1e-12;
  const ll = (p: number, y: 0 | 1) => -Math.log(Math.min(1 - eps, Math.max(eps, y === 1 ? p : 1 - p)));
  let weighted = 0;
  let nWeighted = 0;
  let stacked = 0;
  for (const ex of examples) {
    const f = forward(theta, layout, rowOf(layout, ex));
    if (f.pWeighted !== null) {
      weighted += ll(f.pWeighted, ex.label);
      nWeighted++;
    }
    stacked += ll(f.pStacked, ex.label);
  }
  return { weighted: nWeighted ? weighted / nWeighted : 0, stacked: examples.length ? stacked / examples.length : 0 };
}
