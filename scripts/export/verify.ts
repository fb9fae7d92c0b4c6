// Numeric checks shared by both exports: the shipped int8 graph must match fp32 training and the trainer's own math.

export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? (na === nb ? 1 : 0) : dot / Math.sqrt(na * nb);
}

export interface CosineCheck {
  min: number;
  worst: number;
}

/** Min cosine over rows; throws with the offending row when below `threshold`. */
export function checkRows(label: string, a: readonly ArrayLike<number>[], b: readonly ArrayLike<number>[], threshold: number): CosineCheck {
  let min = Infinity;
  let worst = -1;
  a.forEach((row, i) => {
    const c = cosine(row, b[i] as ArrayLike<number>);
    if (c < min) (min = c), (worst = i);
  });
  if (!(min >= threshold)) throw new Error(`${label}: min cosine ${min} at row ${worst} is below ${threshold}`);
  process.stderr.write(`${label}: min cosine ${min.toFixed(6)} over ${a.length} rows (>= ${threshold})\n`);
  return { min, worst };
}

export const round = (x: number, digits = 6): number => Number(x.toFixed(digits));
