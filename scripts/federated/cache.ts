// Train-split catalog vectors cached between simulation runs: retraining both encoders is most of the run time.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { CatalogVectors } from "../eval/vectors.ts";

/** Layout: [n, dims, text (n x dims), cf (n x dims, NaN rows = no CF vector)] as float32. */
export function writeVectors(path: string, v: CatalogVectors): void {
  const n = v.text.length;
  const dims = v.text[0]?.length ?? 0;
  const out = new Float32Array(2 + 2 * n * dims);
  out[0] = n;
  out[1] = dims;
  for (const [i, row] of v.text.entries()) out.set(row, 2 + i * dims);
  for (const [i, row] of v.cf.entries()) out.set(row ?? new Float32Array(dims).fill(Number.NaN), 2 + (n + i) * dims);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, out);
}

export function readVectors(path: string, n: number): CatalogVectors | undefined {
  if (!existsSync(path)) return undefined;
  const buf = readFileSync(path);
  const all = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
  const dims = all[1] as number;
  if (all[0] !== n || all.length !== 2 + 2 * n * dims) return undefined;
  const row = (block: number, i: number) => all.slice(2 + (block * n + i) * dims, 2 + (block * n + i + 1) * dims);
  return {
    text: Array.from({ length: n }, (_, i) => row(0, i)),
    cf: Array.from({ length: n }, (_, i) => {
      const r = row(1, i);
      return Number.isNaN(r[0]) ? null : r;
    }),
  };
}
