// The one Node-side owner of onnxruntime-web (same wasm build the workers use); initialised once, runs serialised.
import * as ort from "onnxruntime-web/wasm";

let ready = false;
let queue: Promise<unknown> = Promise.resolve();

function init(): void {
  if (ready) return;
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
  ort.env.logLevel = "error";
  ready = true;
}

export type Session = ort.InferenceSession;

export async function loadSession(bytes: Uint8Array): Promise<Session> {
  init();
  return ort.InferenceSession.create(bytes, { executionProviders: ["wasm"], graphOptimizationLevel: "all" });
}

export type Feeds = Record<string, { data: BigInt64Array; dims: readonly number[] }>;

/** Serialised like the runtime, so a test cannot accidentally rely on overlapping runs. */
export function run(session: Session, feeds: Feeds, output: string): Promise<{ data: Float32Array; dims: readonly number[] }> {
  const next = queue.then(async () => {
    const tensors: Record<string, ort.Tensor> = {};
    for (const [name, f] of Object.entries(feeds)) tensors[name] = new ort.Tensor("int64", f.data, f.dims);
    const result = await session.run(tensors);
    const out = result[output];
    if (out === undefined || !(out.data instanceof Float32Array)) throw new Error(`missing float32 output ${output}`);
    return { data: out.data, dims: out.dims };
  });
  queue = next.catch(() => undefined);
  return next;
}
