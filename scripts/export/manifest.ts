// manifest.json: the contract the runtime and the model-refresh job check a model folder against.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface TensorSpec {
  name: string;
  dtype: "int64" | "float32";
  shape: (number | "batch" | "seq")[];
}

export interface FileEntry {
  name: string;
  bytes: number;
  sha256: string;
}

export interface Manifest {
  id: string;
  version: string;
  kind: "text" | "item";
  description: string;
  files: FileEntry[];
  inputs: TensorSpec[];
  outputs: TensorSpec[];
  dims: number;
  pooling: "mean" | "weighted-mean";
  normalize: true;
  maxLength?: number;
  historyWeight?: string;
  quantization: {
    dtype: "int8";
    op: "DequantizeLinear";
    granularity: "per-axis";
    symmetric: true;
    opset: number;
    tensors: { name: string; axis: number }[];
    minCosineVsFp32: number;
    minCosineOnnxVsTrainer: number;
  };
  training: Record<string, unknown>;
  metrics: Record<string, unknown> | null;
  probe: { input: string | number[]; output: number[] | number[][]; tolerance: number };
}

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Every file in the folder but the manifest itself, sorted so the manifest is stable. */
export function fileEntries(dir: string): FileEntry[] {
  return readdirSync(dir)
    .filter((f) => f !== "manifest.json")
    .sort()
    .map((name) => {
      const bytes = readFileSync(join(dir, name));
      return { name, bytes: bytes.length, sha256: sha256(bytes) };
    });
}

/** Offline metrics come from `npm run eval`; keep them while the training config they describe is unchanged. */
export function previousMetrics(dir: string, configDigest: string): Record<string, unknown> | null {
  const path = join(dir, "manifest.json");
  if (!existsSync(path)) return null;
  const old = JSON.parse(readFileSync(path, "utf8")) as Partial<Manifest>;
  const m = old.metrics;
  return m && typeof m === "object" && m.configDigest === configDigest ? m : null;
}

export function writeManifest(dir: string, manifest: Manifest): void {
  writeFileSync(join(dir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
}
