// Exports the collaborative item encoder: int8 ONNX + items.json + manifest, verified in onnxruntime-web (Node).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { NEUTRAL_RATING } from "../../functions/lib/pooling.ts";
import { itemEncoderOnnx, OPSET } from "../lib/onnx-build.ts";
import { loadSession, run, type Session } from "../lib/ort-node.ts";
import { dequantize, quantizeMatrix } from "../lib/quantize.ts";
import { fileEntries, previousMetrics, writeManifest } from "./manifest.ts";
import { checkRows } from "./verify.ts";

export const CF_PROBE = [0, 1, 2, 100, 1000];

export interface CfExport {
  dir: string;
  table: Float32Array;
  dims: number;
  items: readonly number[];
  training: Record<string, unknown>;
  configDigest: string;
}

export async function embedItems(session: Session, rows: readonly number[]): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  for (let s = 0; s < rows.length; s += 1024) {
    const chunk = rows.slice(s, s + 1024);
    const res = await run(session, { item_ids: { data: BigInt64Array.from(chunk, BigInt), dims: [chunk.length] } }, "embeddings");
    const d = res.dims[1] as number;
    for (let i = 0; i < chunk.length; i++) out.push(res.data.slice(i * d, (i + 1) * d));
  }
  return out;
}

export function quantizeCf(table: Float32Array, rows: number, dims: number): { onnx: Uint8Array; dequantized: Float32Array } {
  const q = quantizeMatrix(table, rows, dims, 0);
  return { onnx: itemEncoderOnnx(q), dequantized: dequantize(q) };
}

export async function exportCf(x: CfExport): Promise<void> {
  const n = x.items.length;
  const { onnx, dequantized } = quantizeCf(x.table, n, x.dims);
  const session = await loadSession(onnx);
  const all = Array.from({ length: n }, (_, i) => i);
  const onnxVecs = await embedItems(session, all);
  const row = (t: Float32Array, i: number) => t.subarray(i * x.dims, (i + 1) * x.dims);
  const vsFp32 = checkRows(
    "cf int8 vs fp32",
    onnxVecs,
    all.map((i) => row(x.table, i)),
    0.99,
  );
  const vsTrainer = checkRows(
    "cf onnx vs trainer",
    onnxVecs,
    all.map((i) => row(dequantized, i)),
    0.999,
  );
  const probe = await embedItems(session, CF_PROBE);
  mkdirSync(x.dir, { recursive: true });
  writeFileSync(join(x.dir, "model.onnx"), onnx);
  writeFileSync(join(x.dir, "items.json"), `${JSON.stringify(x.items)}\n`);
  writeManifest(x.dir, {
    id: "movielens-cf",
    version: "1.0.0",
    kind: "item",
    description:
      "Collaborative item vectors (MovieLens movieIds in items.json row order) for few-shot user vectors by weighted mean pooling.",
    files: fileEntries(x.dir),
    inputs: [{ name: "item_ids", dtype: "int64", shape: ["batch"] }],
    outputs: [{ name: "embeddings", dtype: "float32", shape: ["batch", x.dims] }],
    dims: x.dims,
    pooling: "weighted-mean",
    normalize: true,
    historyWeight: `functions/lib/pooling.ts historyWeight: explicit weight, else rating - ${NEUTRAL_RATING}, else 1`,
    quantization: {
      dtype: "int8",
      op: "DequantizeLinear",
      granularity: "per-axis",
      symmetric: true,
      opset: OPSET,
      tensors: [{ name: "item_table", axis: 0 }],
      minCosineVsFp32: vsFp32.min,
      minCosineOnnxVsTrainer: vsTrainer.min,
    },
    training: x.training,
    metrics: previousMetrics(x.dir, x.configDigest),
    probe: { input: CF_PROBE, output: probe.map((v) => Array.from(v)), tolerance: 1e-5 },
  });
}
