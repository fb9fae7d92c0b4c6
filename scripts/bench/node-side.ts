// The Node references: the same model.onnx files in onnxruntime-node (native) and onnxruntime-web (the wasm build the workers
// use), with the project's own tokenizer, pooling and catalog code around them, so only the runtime differs from the workerd side.
import { readFileSync } from "node:fs";
import * as native from "onnxruntime-node";
import { movieText, parseMovies } from "../../functions/lib/catalog.ts";
import { l2normalize, meanPool } from "../../functions/lib/pooling.ts";
import { WordPieceTokenizer } from "../../functions/lib/tokenizer.ts";
import { loadSession as loadWebSession, run as runWeb } from "../lib/ort-node.ts";
import { SINGLE_QUERY } from "./kernels.ts";

interface Manifest {
  maxLength: number;
  dims: number;
  probe: { input: string };
}

/** One inference in some runtime: int64 feeds in, the named float32 output out. */
type Runner = (feeds: Record<string, { data: BigInt64Array; dims: number[] }>, output: string) => Promise<Float32Array>;

export interface Encoders {
  text(batch: number): () => Promise<Float32Array[]>;
  item(batch: number): () => Promise<Float32Array[]>;
  embedProbe(): Promise<Float32Array>;
}

const read = (path: string) => readFileSync(path);
const json = <T>(path: string): T => JSON.parse(read(path).toString("utf8")) as T;

export function catalogTexts(): string[] {
  return parseMovies(read("data/movielens/movies.csv").toString("utf8")).map(movieText);
}

async function nativeRunner(model: Uint8Array): Promise<Runner> {
  // One intra-op thread, like the single-threaded wasm build the workers run: the ratio compares runtimes, not core counts.
  const session = await native.InferenceSession.create(model, {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    graphOptimizationLevel: "all",
  });
  return async (feeds, output) => {
    const tensors: Record<string, native.Tensor> = {};
    for (const [name, f] of Object.entries(feeds)) tensors[name] = new native.Tensor("int64", f.data, f.dims);
    const out = (await session.run(tensors))[output];
    if (!(out?.data instanceof Float32Array)) throw new Error(`onnxruntime-node: no float32 output ${output}`);
    return out.data;
  };
}

async function webRunner(model: Uint8Array): Promise<Runner> {
  const session = await loadWebSession(model);
  return async (feeds, output) => (await runWeb(session, feeds, output)).data;
}

function encoders(text: Runner, item: Runner, texts: readonly string[]): Encoders {
  const manifest = json<Manifest>("models/movielens-text/manifest.json");
  const tokenizer = new WordPieceTokenizer(json<unknown>("models/movielens-text/tokenizer.json"));
  const dims = manifest.dims;
  // The same steps as functions/lib/models/text-model.ts: tokenize, run, masked mean, L2 normalise.
  const embed = async (input: readonly string[]) => {
    const { inputIds, attentionMask, batch, seq } = tokenizer.encode(input, manifest.maxLength);
    const hidden = await text(
      { input_ids: { data: inputIds, dims: [batch, seq] }, attention_mask: { data: attentionMask, dims: [batch, seq] } },
      "last_hidden_state",
    );
    return meanPool(hidden, attentionMask, batch, seq, dims).map(l2normalize);
  };
  return {
    text: (batch) => {
      const input = batch === 1 ? [SINGLE_QUERY] : texts.slice(0, batch);
      return () => embed(input);
    },
    item: (batch) => {
      const ids = BigInt64Array.from({ length: batch }, (_, i) => BigInt(i));
      return async () => {
        const flat = await item({ item_ids: { data: ids, dims: [batch] } }, "embeddings");
        return Array.from({ length: batch }, (_, i) => l2normalize(flat.slice(i * dims, (i + 1) * dims)));
      };
    },
    embedProbe: async () => (await embed([manifest.probe.input]))[0] ?? new Float32Array(0),
  };
}

export async function nodeEncoders(kind: "onnxruntime-node" | "onnxruntime-web"): Promise<Encoders> {
  const load = kind === "onnxruntime-node" ? nativeRunner : webRunner;
  const text = await load(read("models/movielens-text/model.onnx"));
  const item = await load(read("models/movielens-cf/model.onnx"));
  return encoders(text, item, catalogTexts());
}
