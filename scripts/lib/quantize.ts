// Symmetric int8 quantisation per slice of one axis (rows or columns of a 2-D matrix); zero point 0 so DequantizeLinear is x*scale.

export interface QuantizedMatrix {
  q: Int8Array;
  scale: Float32Array;
  rows: number;
  cols: number;
  /** 0 = one scale per row, 1 = one scale per column (the DequantizeLinear axis). */
  axis: 0 | 1;
}

export function quantizeMatrix(w: Float32Array, rows: number, cols: number, axis: 0 | 1): QuantizedMatrix {
  if (w.length !== rows * cols) throw new RangeError("matrix size mismatch");
  const n = axis === 0 ? rows : cols;
  const scale = new Float32Array(n);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const k = axis === 0 ? r : c;
      scale[k] = Math.max(scale[k] ?? 0, Math.abs(w[r * cols + c] ?? 0));
    }
  }
  // An all-zero slice keeps scale 1 so dequantisation never divides by or multiplies with 0/NaN surprises.
  for (let k = 0; k < n; k++) scale[k] = (scale[k] ?? 0) > 0 ? (scale[k] ?? 0) / 127 : 1;
  const q = new Int8Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const s = scale[axis === 0 ? r : c] ?? 1;
      q[r * cols + c] = Math.max(-127, Math.min(127, Math.round((w[r * cols + c] ?? 0) / s)));
    }
  }
  return { q, scale, rows, cols, axis };
}

export function dequantize(m: QuantizedMatrix): Float32Array {
  const out = new Float32Array(m.rows * m.cols);
  for (let r = 0; r < m.rows; r++) {
    for (let c = 0; c < m.cols; c++) {
      // Math.fround mirrors ORT's float32 multiply so the plain-TS reference matches the ONNX graph bit for bit.
      out[r * m.cols + c] = Math.fround((m.q[r * m.cols + c] ?? 0) * (m.scale[m.axis === 0 ? r : c] ?? 1));
    }
  }
  return out;
}
