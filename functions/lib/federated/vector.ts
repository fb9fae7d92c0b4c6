// Vector arithmetic on theta. Plain arrays: theta is small (tens of entries) and must stay JSON-able.

export function l2norm(v: readonly number[]): number {
  let sum = 0;
  for (const x of v) sum += x * x;
  return Math.sqrt(sum);
}

export function sub(a: readonly number[], b: readonly number[]): number[] {
  sameLength(a, b);
  return a.map((x, i) => x - (b[i] as number));
}

export function add(a: readonly number[], b: readonly number[]): number[] {
  sameLength(a, b);
  return a.map((x, i) => x + (b[i] as number));
}

/** Scales `update` down to L2 norm `clipNorm` when it is longer; a shorter update is returned unchanged (as a copy). */
export function clip(update: readonly number[], clipNorm: number): number[] {
  if (!(clipNorm > 0 && Number.isFinite(clipNorm))) throw new RangeError("clipNorm must be a finite number > 0");
  const norm = l2norm(update);
  const factor = norm > clipNorm ? clipNorm / norm : 1;
  return update.map((x) => x * factor);
}

/** theta_i + eta (theta_global - theta_i): eta = 0 keeps the local parameters, eta = 1 adopts the global ones. */
export function blend(local: readonly number[], global: readonly number[], eta: number): number[] {
  if (!(eta >= 0 && eta <= 1)) throw new RangeError("eta must be in [0, 1]");
  sameLength(local, global);
  return local.map((x, i) => x + eta * ((global[i] as number) - x));
}

function sameLength(a: readonly number[], b: readonly number[]): void {
  if (a.length !== b.length) throw new RangeError(`vector lengths differ: ${a.length} vs ${b.length}`);
}
