import type { Outputs } from "../onnx/runtime.ts";
import type { ModelManifest } from "./manifest.ts";

/** The model's declared output, checked against the manifest: a wrong shape or dtype fails loudly instead of yielding garbage. */
export function outputOf(manifest: ModelManifest, outputs: Outputs, expected: readonly number[]): Float32Array {
  const name = manifest.outputs[0]?.name ?? "";
  const tensor = outputs[name];
  const label = `${manifest.id}@${manifest.version}`;
  if (!tensor) throw new Error(`${label}: model produced no output named ${name}`);
  if (tensor.type !== "float32") throw new Error(`${label}: output ${name} is ${tensor.type}, manifest says float32`);
  if (tensor.dims.length !== expected.length || tensor.dims.some((d, i) => d !== expected[i])) {
    throw new Error(`${label}: output ${name} has shape [${tensor.dims}], expected [${expected}]`);
  }
  const data = tensor.data as Float32Array;
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) throw new Error(`${label}: output ${name} contains a non-finite value`);
  }
  return data;
}
