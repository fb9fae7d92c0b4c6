import { int64Tensor, type OnnxSession } from "../onnx/runtime.ts";
import { l2normalize, meanPool } from "../pooling.ts";
import type { WordPieceTokenizer } from "../tokenizer.ts";
import type { TextManifest } from "./manifest.ts";
import { outputOf } from "./output.ts";

// ORT memory grows with batch*seq; chunks keep a whole-catalog embedding pass inside the isolate's 128 MB.
const CHUNK = 256;

/** A sentence encoder in the usual export convention: token ids in, last_hidden_state out, pooled and normalised here. */
export class TextModel {
  constructor(
    readonly manifest: TextManifest,
    private readonly tokenizer: WordPieceTokenizer,
    private readonly session: OnnxSession,
  ) {}

  get dims(): number {
    return this.manifest.dims;
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += CHUNK) {
      out.push(...(await this.embedChunk(texts.slice(start, start + CHUNK))));
    }
    return out;
  }

  private async embedChunk(texts: readonly string[]): Promise<Float32Array[]> {
    const { inputIds, attentionMask, batch, seq } = this.tokenizer.encode(texts, this.manifest.maxLength);
    const dims = [batch, seq];
    const feeds: Record<string, ReturnType<typeof int64Tensor>> = {};
    for (const name of this.session.inputNames) {
      if (name === "input_ids") feeds[name] = int64Tensor(inputIds, dims);
      else if (name === "attention_mask") feeds[name] = int64Tensor(attentionMask, dims);
      else if (name === "token_type_ids") feeds[name] = int64Tensor(new BigInt64Array(batch * seq), dims);
      else throw new Error(`${this.manifest.id}: model input ${name} is not a sentence-encoder input`);
    }
    const outputs = await this.session.run(feeds);
    const hidden = outputOf(this.manifest, outputs, [batch, seq, this.manifest.dims]);
    const pooled =
      this.manifest.pooling === "mean"
        ? meanPool(hidden, attentionMask, batch, seq, this.manifest.dims)
        : Array.from({ length: batch }, (_, b) => hidden.slice(b * seq * this.manifest.dims, (b * seq + 1) * this.manifest.dims));
    return this.manifest.normalize ? pooled.map(l2normalize) : pooled;
  }
}
