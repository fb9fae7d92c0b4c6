// The one module that owns onnxruntime-web inside workerd: the wasm shim, one init, serialised runs, sessions cached by model digest.

import ortWasm from "onnxruntime-web/dist/ort-wasm-simd-threaded.wasm";
import * as ort from "onnxruntime-web/wasm";
import { AsyncMemo } from "./memo.ts";
import { serial } from "./serial.ts";

export type Tensor = ort.Tensor;
export type Feeds = Record<string, ort.Tensor>;
export type Outputs = Record<string, ort.Tensor>;

export interface OnnxSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Feeds): Promise<Outputs>;
}

// A few bytes that stand for the real binary: ORT needs *something* in wasmBinary to skip URL resolution,
// and the patched instantiate below recognises it and hands over the precompiled module instead.
const PLACEHOLDER = new Uint8Array([0x00, 0x61, 0x73, 0x6d]);

let ready: Promise<void> | undefined;
/** ORT's linear memory (imported by its wasm module): the biggest single allocation in an edge isolate. */
let linearMemory: WebAssembly.Memory | undefined;

/** Bytes of ORT's wasm linear memory right now; 0 before the first session. It only grows. */
export function onnxWasmBytes(): number {
  return linearMemory?.buffer.byteLength ?? 0;
}

function memoryIn(imports: WebAssembly.Imports | undefined): WebAssembly.Memory | undefined {
  for (const module of Object.values(imports ?? {})) {
    for (const value of Object.values(module)) if (value instanceof WebAssembly.Memory) return value;
  }
  return undefined;
}

function init(): Promise<void> {
  if (ready) return ready;
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
  ort.env.wasm.wasmBinary = PLACEHOLDER;
  ort.env.logLevel = "error";
  const original = WebAssembly.instantiate.bind(WebAssembly);
  const patched = (source: unknown, imports?: WebAssembly.Imports): Promise<unknown> => {
    if (source === PLACEHOLDER || (source instanceof Uint8Array && source.byteLength === PLACEHOLDER.byteLength)) {
      linearMemory = memoryIn(imports);
      return original(ortWasm, imports).then((instance) => ({ instance, module: ortWasm }));
    }
    return (original as (s: unknown, i?: WebAssembly.Imports) => Promise<unknown>)(source, imports);
  };
  WebAssembly.instantiate = patched as typeof WebAssembly.instantiate;
  ready = Promise.resolve();
  return ready;
}

const queue = serial();
const sessions = new AsyncMemo<OnnxSession>();

/** The session for a model, created once per isolate; `digest` must change whenever the bytes do. */
export function session(digest: string, bytes: () => Promise<Uint8Array>): Promise<OnnxSession> {
  return sessions.get(digest, async () => {
    await init();
    const data = await bytes();
    const created = await queue(() => ort.InferenceSession.create(data, { executionProviders: ["wasm"] }));
    return {
      inputNames: created.inputNames,
      outputNames: created.outputNames,
      run: (feeds) => queue(() => created.run(feeds)),
    };
  });
}

export function int64Tensor(data: BigInt64Array, dims: readonly number[]): ort.Tensor {
  return new ort.Tensor("int64", data, dims);
}
