// Encoder latency: the project's models in workerd (onnxruntime-web through functions/lib/onnx/runtime.ts) against the same
// model.onnx files in onnxruntime-node and in onnxruntime-web under Node, measured back to back in one run.
import type { BenchConfig } from "./config.ts";
import { nodeEncoders } from "./node-side.ts";
import { nodeSampler, type Timing, timeTogether } from "./sampling.ts";
import type { BenchWorker } from "./workerd.ts";

export interface EncoderRow {
  model: "text" | "item";
  batch: number;
  workerd: Timing;
  native: Timing;
  web: Timing;
}

export interface EncoderResult {
  rows: EncoderRow[];
  /** Largest |difference| between the workerd and onnxruntime-node embeddings of the text probe: the two compute the same thing. */
  probeDiff: number;
  /** Median sample time with zero iterations in workerd (the timer round trip subtracted from every sample). */
  overheadMs: number;
}

export async function benchEncoders(worker: BenchWorker, config: BenchConfig, overheadMs: number, say: (s: string) => void) {
  const native = await nodeEncoders("onnxruntime-node");
  const web = await nodeEncoders("onnxruntime-web");
  const { vector } = await worker.json<{ vector: number[] }>("/probe");
  const probe = await native.embedProbe();
  const probeDiff = vector.reduce((worst, v, i) => Math.max(worst, Math.abs(v - (probe[i] ?? Number.NaN))), 0);
  const rows: EncoderRow[] = [];
  for (const model of ["text", "item"] as const) {
    for (const batch of [1, config.batch]) {
      say(`encoder ${model} batch ${batch}: workerd, onnxruntime-node, onnxruntime-web (Node)`);
      const [w, n, b] = await timeTogether(
        [
          { sampler: worker.sampler(model, batch), overhead: overheadMs },
          { sampler: nodeSampler(native[model](batch)) },
          { sampler: nodeSampler(web[model](batch)) },
        ],
        config.sampling,
      );
      rows.push({ model, batch, workerd: w!, native: n!, web: b! });
    }
  }
  return { rows, probeDiff, overheadMs } satisfies EncoderResult;
}
