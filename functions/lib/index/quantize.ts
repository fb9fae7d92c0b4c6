// Symmetric per-vector int8 quantisation: one float scale per row keeps the error relative to that row's own range.

export const CODE_MAX = 127;

/**
 * Quantises vectors[row*dims .. +dims] into codes (same offsets) and returns the row's scale.
 * Symmetric on [-127, 127] (never -128) so negation is exact and zero maps to zero.
 */
export function quantizeRowInto(vectors: Float32Array, codes: Int8Array, row: number, dims: number): number {
  const base = row * dims;
  let maxAbs = 0;
  for (let j = 0; j < dims; j++) {
    const v = vectors[base + j]!;
    if (!Number.isFinite(v)) {
      throw new Error(`Int8Index: vector for row ${row} has a non-finite value at dim ${j}`);
    }
    const a = Math.abs(v);
    if (a > maxAbs) maxAbs = a;
  }
  if (maxAbs === 0) return 0; // codes already zero; a zero scale scores 0 for every query.
  const scale = Math.fround(maxAbs / CODE_MAX);
  for (let j = 0; j < dims; j++) {
    const q = Math.round(vectors[base + j]! / scale);
    codes[base + j] = Math.min(CODE_MAX, Math.max(-CODE_MAX, q));
  }
  return scale;
}
