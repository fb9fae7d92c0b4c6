// The text encoder's math in plain TS: last_hidden_state[t] = tanh(E[id_t] W + b); the ONNX export computes the same.

export interface TextParams {
  vocab: number;
  hidden: number;
  dims: number;
  /** [vocab, hidden] token embeddings. */
  embed: Float32Array;
  /** [hidden, dims] projection. */
  proj: Float32Array;
  /** [dims] */
  bias: Float32Array;
}

/** One token's output row; `out` is overwritten. Math.fround keeps float32 rounding close to ORT's. */
export function tokenState(p: TextParams, id: number, out: Float32Array): Float32Array {
  const { hidden: h, dims: D } = p;
  for (let j = 0; j < D; j++) {
    let z = p.bias[j] as number;
    for (let k = 0; k < h; k++) z += (p.embed[id * h + k] as number) * (p.proj[k * D + j] as number);
    out[j] = Math.tanh(z);
  }
  return out;
}

/** Mean over the tokens (all of them are real: callers pass unpadded ids with [CLS]/[SEP]). */
export function pooledText(p: TextParams, ids: readonly number[], cache?: Map<number, Float32Array>): Float32Array {
  const acc = new Float32Array(p.dims);
  for (const id of ids) {
    let h = cache?.get(id);
    if (h === undefined) {
      h = tokenState(p, id, new Float32Array(p.dims));
      cache?.set(id, h);
    }
    for (let j = 0; j < p.dims; j++) acc[j] = (acc[j] as number) + (h[j] as number);
  }
  for (let j = 0; j < p.dims; j++) acc[j] = (acc[j] as number) / Math.max(1, ids.length);
  return acc;
}
