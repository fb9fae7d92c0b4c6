// Exports the text encoder: int8 ONNX + tokenizer.json + manifest, verified in onnxruntime-web (Node) before writing the manifest.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { l2normalize, meanPool } from "../../functions/lib/pooling.ts";
import { WordPieceTokenizer } from "../../functions/lib/tokenizer.ts";
import { OPSET, textEncoderOnnx } from "../lib/onnx-build.ts";
import { loadSession, run, type Session } from "../lib/ort-node.ts";
import { dequantize, quantizeMatrix } from "../lib/quantize.ts";
import { pooledText, type TextParams } from "../lib/text-model.ts";
import { fileEntries, previousMetrics, writeManifest } from "./manifest.ts";
import { checkRows } from "./verify.ts";

export const TEXT_PROBE = "Toy Story (1995) Animation Children Comedy";

export interface TextExport {
  dir: string;
  params: TextParams;
  tokenizer: Record<string, unknown>;
  maxLength: number;
  catalog: readonly string[];
  training: Record<string, unknown>;
  configDigest: string;
}

/** Pooled + normalised vectors for texts, exactly as the runtime computes them. */
export async function embedTexts(
  session: Session,
  tok: WordPieceTokenizer,
  texts: readonly string[],
  maxLength: number,
): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  for (let s = 0; s < texts.length; s += 256) {
    const enc = tok.encode(texts.slice(s, s + 256), maxLength);
    const dims = [enc.batch, enc.seq];
    const res = await run(
      session,
      { input_ids: { data: enc.inputIds, dims }, attention_mask: { data: enc.attentionMask, dims } },
      "last_hidden_state",
    );
    const d = res.dims[2] as number;
    out.push(...meanPool(res.data, enc.attentionMask, enc.batch, enc.seq, d).map(l2normalize));
  }
  return out;
}

export function quantizeText(p: TextParams): { onnx: Uint8Array; dequantized: TextParams } {
  const embed = quantizeMatrix(p.embed, p.vocab, p.hidden, 0);
  const proj = quantizeMatrix(p.proj, p.hidden, p.dims, 1);
  return {
    onnx: textEncoderOnnx(embed, proj, p.bias),
    dequantized: { ...p, embed: dequantize(embed), proj: dequantize(proj) },
  };
}

export async function exportText(x: TextExport): Promise<void> {
  const tok = new WordPieceTokenizer(x.tokenizer);
  const { onnx, dequantized } = quantizeText(x.params);
  const session = await loadSession(onnx);
  const onnxVecs = await embedTexts(session, tok, x.catalog, x.maxLength);
  const ids = x.catalog.map((t) => tok.encode([t], x.maxLength).inputIds).map((a) => Array.from(a, Number));
  const fp32 = ids.map((row) => l2normalize(pooledText(x.params, row)));
  const trainerInt8 = ids.map((row) => l2normalize(pooledText(dequantized, row)));
  const vsFp32 = checkRows("text int8 vs fp32", onnxVecs, fp32, 0.99);
  const vsTrainer = checkRows("text onnx vs trainer", onnxVecs, trainerInt8, 0.999);
  const [probe] = await embedTexts(session, tok, [TEXT_PROBE], x.maxLength);
  mkdirSync(x.dir, { recursive: true });
  writeFileSync(join(x.dir, "model.onnx"), onnx);
  writeFileSync(join(x.dir, "tokenizer.json"), `${JSON.stringify(x.tokenizer, null, 2)}\n`);
  writeManifest(x.dir, {
    id: "movielens-text",
    version: "1.0.0",
    kind: "text",
    description: "WordPiece text encoder distilled from MovieLens collaborative vectors; embed catalog lines and free-text queries.",
    files: fileEntries(x.dir),
    inputs: [
      { name: "input_ids", dtype: "int64", shape: ["batch", "seq"] },
      { name: "attention_mask", dtype: "int64", shape: ["batch", "seq"] },
    ],
    outputs: [{ name: "last_hidden_state", dtype: "float32", shape: ["batch", "seq", x.params.dims] }],
    dims: x.params.dims,
    pooling: "mean",
    normalize: true,
    maxLength: x.maxLength,
    quantization: {
      dtype: "int8",
      op: "DequantizeLinear",
      granularity: "per-axis",
      symmetric: true,
      opset: OPSET,
      tensors: [
        { name: "token_embeddings", axis: 0 },
        { name: "projection", axis: 1 },
      ],
      minCosineVsFp32: vsFp32.min,
      minCosineOnnxVsTrainer: vsTrainer.min,
    },
    training: x.training,
    metrics: previousMetrics(x.dir, x.configDigest),
    probe: { input: TEXT_PROBE, output: Array.from(probe ?? []), tolerance: 1e-5 },
  });
}
