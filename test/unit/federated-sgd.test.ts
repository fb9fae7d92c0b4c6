import { describe, expect, it } from "vitest";
import { blocks, fusionWeights, initialTheta, LAYOUT, stackerOf } from "../../functions/lib/federated/layout.ts";
import { type Example, localSgd, logLoss } from "../../functions/lib/federated/sgd.ts";
import { mulberry32 } from "../../functions/lib/random.ts";

const b = blocks(LAYOUT);
const at = (theta: number[], name: string) => theta[LAYOUT.names.indexOf(name)] as number;

describe("theta layout", () => {
  it("names every entry: weights logits, scale, offset, stacker weights, missing indicators, bias", () => {
    expect(LAYOUT.names).toHaveLength(b.length);
    expect(LAYOUT.names.slice(0, 6)).toEqual([
      "weights.logit.collab",
      "weights.logit.content",
      "weights.logit.popularity",
      "weights.logit.query",
      "weights.scale",
      "weights.offset",
    ]);
    expect(LAYOUT.names.at(-1)).toBe("stacker.bias");
    const theta = initialTheta();
    expect(at(theta, "weights.scale")).toBe(1);
    expect(fusionWeights(theta)).toEqual({ collab: 0.25, content: 0.25, popularity: 0.25, query: 0.25 });
    expect(fusionWeights(theta, LAYOUT, ["collab", "query"])).toEqual({ collab: 0.5, query: 0.5 });
  });

  it("turns theta into the stacker lib/fusion serves", () => {
    const theta = initialTheta();
    theta[b.weight] = 2;
    theta[b.missing + 3] = -1;
    theta[b.bias] = 0.5;
    const st = stackerOf(theta, 10, "fed-1");
    expect(st.features).toEqual([
      "collab",
      "content",
      "popularity",
      "query",
      "missing:collab",
      "missing:content",
      "missing:popularity",
      "missing:query",
    ]);
    expect(st.weights).toEqual([2, 0, 0, 0, 0, 0, 0, -1]);
    expect(st).toMatchObject({ bias: 0.5, trainedOn: 10, version: "fed-1" });
  });
});

describe("localSgd", () => {
  it("takes the hand-computed step on one positive example", () => {
    // Scored: collab = 1, content = 0 (popularity and query missing). Weights head: w = 0.5/0.5, s = 0.5,
    // p = sigmoid(1 * 0.5 + 0) = 0.6224593, g = p - 1 = -0.3775407.
    // d/dlogit_collab = g * scale * w * (x - s) = -0.0943852; content: +0.0943852. d/dscale = g * s; d/doffset = g.
    // Stacker: z = 0, p = 0.5, g = -0.5; weight_collab -= lr * g * 1; each missing indicator and the bias -= lr * g.
    const g = 1 / (1 + Math.exp(-0.5)) - 1;
    const theta = localSgd(initialTheta(), [{ scores: { collab: 1, content: 0 }, label: 1 }], { epochs: 1, lr: 0.1, l2: 0, seed: 1 });
    expect(at(theta, "weights.logit.collab")).toBeCloseTo(-0.1 * g * 0.25, 12);
    expect(at(theta, "weights.logit.content")).toBeCloseTo(0.1 * g * 0.25, 12);
    expect(at(theta, "weights.logit.popularity")).toBe(0);
    expect(at(theta, "weights.scale")).toBeCloseTo(1 - 0.1 * g * 0.5, 12);
    expect(at(theta, "weights.offset")).toBeCloseTo(-0.1 * g, 12);
    expect(at(theta, "stacker.weight.collab")).toBeCloseTo(0.05, 12);
    expect(at(theta, "stacker.weight.content")).toBe(0);
    expect(at(theta, "stacker.missing.popularity")).toBeCloseTo(0.05, 12);
    expect(at(theta, "stacker.missing.query")).toBeCloseTo(0.05, 12);
    expect(at(theta, "stacker.missing.collab")).toBe(0);
    expect(at(theta, "stacker.bias")).toBeCloseTo(0.05, 12);
  });

  it("learns to trust the source that predicts the feedback, deterministically for a seed", () => {
    const rng = mulberry32(5);
    const examples: Example[] = Array.from({ length: 2000 }, () => {
      const collab = rng();
      return { scores: { collab, content: rng(), popularity: rng() }, label: collab > 0.6 ? 1 : 0 };
    });
    const opts = { epochs: 3, lr: 0.1, l2: 0, seed: 9 };
    const before = logLoss(initialTheta(), examples);
    const theta = localSgd(initialTheta(), examples, opts);
    const after = logLoss(theta, examples);
    const w = fusionWeights(theta);
    expect(w.collab).toBeGreaterThan(0.6);
    expect(w.collab).toBeGreaterThan((w.content ?? 0) + (w.popularity ?? 0));
    expect(at(theta, "stacker.weight.collab")).toBeGreaterThan(Math.abs(at(theta, "stacker.weight.content")) * 3);
    expect(after.weighted).toBeLessThan(before.weighted);
    expect(after.stacked).toBeLessThan(before.stacked);
    expect(localSgd(initialTheta(), examples, opts)).toEqual(theta);
  });

  it("ignores the weights head for an example no source scored, and rejects a theta of the wrong length", () => {
    const theta = localSgd(initialTheta(), [{ scores: {}, label: 0 }], { epochs: 1, lr: 0.1, l2: 0, seed: 1 });
    expect(theta.slice(0, b.weight)).toEqual(initialTheta().slice(0, b.weight));
    expect(at(theta, "stacker.bias")).toBeCloseTo(-0.05, 12);
    expect(() => localSgd([1, 2], [])).toThrow(RangeError);
  });
});
