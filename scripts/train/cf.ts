// Trains item vectors for exactly the runtime's inference: user = normalised weighted sum of normalised item vectors,
// score = cosine. Denoising objective: hide part of a user's history, full softmax over all items, hidden positives are targets.
import { Adam } from "../lib/adam.ts";
import { POSITIVE_RATING, type UserHistory } from "../lib/dataset.ts";
import { gaussian, mulberry32, randInt, shuffle } from "../lib/prng.ts";
import { progress } from "../lib/progress.ts";

export interface CfHyper {
  dims: number;
  epochs: number;
  batchUsers: number;
  lr: number;
  temperature: number;
  /** Share of each user's history hidden per step. */
  holdout: number;
  weightDecay: number;
}

export const CF_DEFAULTS: CfHyper = { dims: 64, epochs: 12, batchUsers: 32, lr: 0.01, temperature: 0.07, holdout: 0.25, weightDecay: 0 };

/** Row-normalised copy plus the norms (needed to backprop through the normalisation). */
export function normalizedRows(v: Float32Array, rows: number, dims: number): { n: Float32Array; norms: Float32Array } {
  const n = new Float32Array(v.length);
  const norms = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let sq = 0;
    for (let d = 0; d < dims; d++) sq += (v[r * dims + d] as number) ** 2;
    const norm = Math.sqrt(sq) || 1e-12;
    norms[r] = norm;
    for (let d = 0; d < dims; d++) n[r * dims + d] = (v[r * dims + d] as number) / norm;
  }
  return { n, norms };
}

/** `onEpoch` lets experiments score intermediate tables without retraining from scratch. */
export function trainCf(
  users: readonly UserHistory[],
  nItems: number,
  hp: CfHyper,
  seed: number,
  label = "cf",
  onEpoch?: (epoch: number, table: Float32Array) => void,
): Float32Array {
  const { dims, temperature: tau } = hp;
  const rng = mulberry32(seed);
  const table = Float32Array.from({ length: nItems * dims }, () => gaussian(rng) * 0.1);
  const grad = new Float32Array(table.length);
  const gN = new Float32Array(table.length);
  const adam = new Adam([table], { lr: hp.lr, weightDecay: hp.weightDecay });
  const scores = new Float64Array(nItems);
  const u = new Float64Array(dims);
  const du = new Float64Array(dims);
  const inInput = new Uint8Array(nItems);
  const isTarget = new Uint8Array(nItems);
  const bar = progress(label, hp.epochs);
  const order = users.map((_, i) => i).filter((i) => (users[i]?.items.length ?? 0) >= 2);
  for (let epoch = 0; epoch < hp.epochs; epoch++) {
    shuffle(rng, order);
    let lossSum = 0;
    let lossCount = 0;
    for (let start = 0; start < order.length; start += hp.batchUsers) {
      const { n, norms } = normalizedRows(table, nItems, dims);
      gN.fill(0);
      for (const ui of order.slice(start, start + hp.batchUsers)) {
        const hist = (users[ui] as UserHistory).items;
        const hidden = hist.map(() => rng() < hp.holdout);
        const positives = hist.map((x, i) => (x.rating >= POSITIVE_RATING ? i : -1)).filter((i) => i >= 0);
        if (positives.length === 0) continue;
        if (!positives.some((i) => hidden[i])) hidden[positives[randInt(rng, positives.length)] as number] = true;
        const input = hist.filter((_, i) => !hidden[i]);
        const targets = hist.filter((x, i) => hidden[i] && x.rating >= POSITIVE_RATING);
        if (input.length === 0 || targets.length === 0) continue;
        u.fill(0);
        for (const x of input) for (let d = 0; d < dims; d++) u[d] = (u[d] as number) + x.weight * (n[x.item * dims + d] as number);
        let un = 0;
        for (let d = 0; d < dims; d++) un += (u[d] as number) ** 2;
        un = Math.sqrt(un);
        if (un < 1e-9) continue;
        for (let d = 0; d < dims; d++) u[d] = (u[d] as number) / un;
        for (const x of input) inInput[x.item] = 1;
        for (const x of targets) isTarget[x.item] = 1;
        let max = -Infinity;
        for (let k = 0; k < nItems; k++) {
          if (inInput[k]) continue;
          let s = 0;
          for (let d = 0; d < dims; d++) s += (u[d] as number) * (n[k * dims + d] as number);
          s /= tau;
          scores[k] = s;
          if (s > max) max = s;
        }
        let z = 0;
        for (let k = 0; k < nItems; k++) if (!inInput[k]) z += Math.exp((scores[k] as number) - max);
        const logZ = max + Math.log(z);
        for (const x of targets) lossSum += logZ - (scores[x.item] as number);
        lossCount += targets.length;
        // dL/ds_k = p_k - 1[k in targets]/|targets|, then chain through s_k = u.n_k / tau.
        du.fill(0);
        for (let k = 0; k < nItems; k++) {
          if (inInput[k]) continue;
          const g = (Math.exp((scores[k] as number) - logZ) - (isTarget[k] ? 1 / targets.length : 0)) / tau;
          if (Math.abs(g) < 1e-10) continue;
          for (let d = 0; d < dims; d++) {
            gN[k * dims + d] = (gN[k * dims + d] as number) + g * (u[d] as number);
            du[d] = (du[d] as number) + g * (n[k * dims + d] as number);
          }
        }
        let udu = 0;
        for (let d = 0; d < dims; d++) udu += (u[d] as number) * (du[d] as number);
        for (const x of input) {
          for (let d = 0; d < dims; d++) {
            const dRaw = ((du[d] as number) - (u[d] as number) * udu) / un;
            gN[x.item * dims + d] = (gN[x.item * dims + d] as number) + x.weight * dRaw;
          }
        }
        for (const x of input) inInput[x.item] = 0;
        for (const x of targets) isTarget[x.item] = 0;
      }
      for (let r = 0; r < nItems; r++) {
        let dot = 0;
        for (let d = 0; d < dims; d++) dot += (n[r * dims + d] as number) * (gN[r * dims + d] as number);
        for (let d = 0; d < dims; d++) {
          grad[r * dims + d] = ((gN[r * dims + d] as number) - (n[r * dims + d] as number) * dot) / (norms[r] as number);
        }
      }
      adam.update([grad]);
    }
    bar.tick(1, `loss ${(lossSum / Math.max(1, lossCount)).toFixed(3)}`);
    onEpoch?.(epoch + 1, table);
  }
  bar.done();
  return table;
}
