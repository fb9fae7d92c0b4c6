// The federated parameter vector theta: one flat number[] (it crosses Workers RPC and KV as JSON) with a named layout.
import type { Stacker } from "../fusion/types.ts";

/**
 * The sources theta knows, sorted like the fusion plan sorts them: the edge's own (query, content, collab)
 * plus the centre's popularity prior. A source absent from an example is treated as missing, never as 0 evidence.
 */
export const FEDERATED_SOURCES = ["collab", "content", "popularity", "query"] as const;

export interface Layout {
  sources: readonly string[];
  /** One name per entry of theta, e.g. "weights.logit.collab", "stacker.bias". */
  names: readonly string[];
}

/**
 * theta = [ weights.logit.<s>...   fusion weights for "weighted" are softmax(logits), so always >= 0 and summing to 1
 *           weights.scale, weights.offset   p(positive) = sigmoid(scale * weightedScore + offset), the head that trains the logits
 *           stacker.weight.<s>...  stacker.missing.<s>...  stacker.bias   the "stacked" combiner (logistic regression) ]
 */
export function layoutOf(sources: readonly string[] = FEDERATED_SOURCES): Layout {
  const names = [
    ...sources.map((s) => `weights.logit.${s}`),
    "weights.scale",
    "weights.offset",
    ...sources.map((s) => `stacker.weight.${s}`),
    ...sources.map((s) => `stacker.missing.${s}`),
    "stacker.bias",
  ];
  return { sources, names };
}

export const LAYOUT = layoutOf();

/** Offsets of each block inside theta. */
export function blocks(layout: Layout) {
  const m = layout.sources.length;
  return { logit: 0, scale: m, offset: m + 1, weight: m + 2, missing: 2 * m + 2, bias: 3 * m + 2, length: 3 * m + 3 };
}

/** Equal fusion weights, scale 1 (so the logits get a gradient from the first step), a stacker that knows nothing. */
export function initialTheta(layout: Layout = LAYOUT): number[] {
  const b = blocks(layout);
  const theta = new Array<number>(b.length).fill(0);
  theta[b.scale] = 1;
  return theta;
}

/** Softmax over the logits of the given sources (all by default): the weights the "weighted" strategy should use. */
export function fusionWeights(
  theta: readonly number[],
  layout: Layout = LAYOUT,
  among: readonly string[] = layout.sources,
): Record<string, number> {
  const logits = among.map((s) => theta[layout.sources.indexOf(s)] ?? 0);
  const max = Math.max(...logits);
  const exps = logits.map((l) => Math.exp(l - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return Object.fromEntries(among.map((s, i) => [s, (exps[i] ?? 0) / sum]));
}

/** The stacking combiner in the shape lib/fusion serves (features = sources then `missing:<source>` indicators). */
export function stackerOf(theta: readonly number[], trainedOn: number, version: string, layout: Layout = LAYOUT): Stacker {
  const b = blocks(layout);
  const m = layout.sources.length;
  return {
    features: [...layout.sources, ...layout.sources.map((s) => `missing:${s}`)],
    weights: [...theta.slice(b.weight, b.weight + m), ...theta.slice(b.missing, b.missing + m)],
    bias: theta[b.bias] ?? 0,
    version,
    trainedOn,
  };
}
