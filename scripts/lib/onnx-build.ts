// Writes the two encoder graphs with onnx-proto: int8 initialisers behind DequantizeLinear (opset 13, per-axis scales).

import type { onnx as P } from "onnx-proto";
import onnxProto from "onnx-proto";
import type { QuantizedMatrix } from "./quantize.ts";

const { onnx } = onnxProto;
const T = onnx.TensorProto.DataType;
export const OPSET = 13;

type Dim = number | string;

function valueInfo(name: string, elemType: number, dims: readonly Dim[]): P.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === "number" ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

function bytesOf(a: Int8Array | Float32Array): Uint8Array {
  // ONNX raw_data is little-endian, which every platform Node and workerd run on is.
  return new Uint8Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength));
}

function tensor(name: string, data: Int8Array | Float32Array, dims: readonly number[]): P.ITensorProto {
  return { name, dims: [...dims], dataType: data instanceof Int8Array ? T.INT8 : T.FLOAT, rawData: bytesOf(data) };
}

function dequantNodes(name: string, m: QuantizedMatrix): { inits: P.ITensorProto[]; node: P.INodeProto } {
  return {
    inits: [tensor(`${name}_quantized`, m.q, [m.rows, m.cols]), tensor(`${name}_scale`, m.scale, [m.scale.length])],
    node: {
      opType: "DequantizeLinear",
      name: `${name}_dequantize`,
      input: [`${name}_quantized`, `${name}_scale`],
      output: [name],
      attribute: [{ name: "axis", type: onnx.AttributeProto.AttributeType.INT, i: m.axis }],
    },
  };
}

function model(graph: P.IGraphProto, docString: string): Uint8Array {
  return onnx.ModelProto.encode({
    irVersion: 7,
    producerName: "edgefuse-train",
    producerVersion: "1.0.0",
    docString,
    opsetImport: [{ domain: "", version: OPSET }],
    graph,
  }).finish();
}

/** input_ids, attention_mask [batch, seq] int64 -> last_hidden_state = tanh(E[ids] W + b) [batch, seq, dims]. */
export function textEncoderOnnx(embed: QuantizedMatrix, proj: QuantizedMatrix, bias: Float32Array): Uint8Array {
  const e = dequantNodes("token_embeddings", embed);
  const w = dequantNodes("projection", proj);
  const nodes: P.INodeProto[] = [
    e.node,
    w.node,
    {
      opType: "Gather",
      name: "lookup",
      input: ["token_embeddings", "input_ids"],
      output: ["embedded"],
      attribute: [{ name: "axis", type: onnx.AttributeProto.AttributeType.INT, i: 0 }],
    },
    { opType: "MatMul", name: "project", input: ["embedded", "projection"], output: ["projected"] },
    { opType: "Add", name: "bias_add", input: ["projected", "projection_bias"], output: ["pre_activation"] },
    { opType: "Tanh", name: "activation", input: ["pre_activation"], output: ["last_hidden_state"] },
  ];
  return model(
    {
      name: "movielens_text_encoder",
      node: nodes,
      initializer: [...e.inits, ...w.inits, tensor("projection_bias", bias, [bias.length])],
      // attention_mask is part of the sentence-transformers contract; pooling (which needs it) happens in the runtime.
      input: [valueInfo("input_ids", T.INT64, ["batch", "seq"]), valueInfo("attention_mask", T.INT64, ["batch", "seq"])],
      output: [valueInfo("last_hidden_state", T.FLOAT, ["batch", "seq", proj.cols])],
    },
    "Token embedding + projection + tanh; mean pooling and L2 normalisation are done by the runtime (see manifest.json).",
  );
}

/** item_ids [batch] int64 (row indices into items.json) -> embeddings [batch, dims] float32. */
export function itemEncoderOnnx(table: QuantizedMatrix): Uint8Array {
  const t = dequantNodes("item_table", table);
  return model(
    {
      name: "movielens_cf_item_encoder",
      node: [
        t.node,
        {
          opType: "Gather",
          name: "lookup",
          input: ["item_table", "item_ids"],
          output: ["embeddings"],
          attribute: [{ name: "axis", type: onnx.AttributeProto.AttributeType.INT, i: 0 }],
        },
      ],
      initializer: t.inits,
      input: [valueInfo("item_ids", T.INT64, ["batch"])],
      output: [valueInfo("embeddings", T.FLOAT, ["batch", table.cols])],
    },
    "Collaborative item embeddings; the runtime pools a user's history with weightedMeanPool and scores by cosine.",
  );
}

/** Reads back every initialiser so tests can rebuild the forward pass from the shipped file alone. */
export function readInitializers(bytes: Uint8Array): Map<string, Int8Array | Float32Array> {
  const m = onnx.ModelProto.decode(bytes);
  const out = new Map<string, Int8Array | Float32Array>();
  for (const init of m.graph?.initializer ?? []) {
    const raw = init.rawData ?? new Uint8Array();
    const buf = raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength);
    out.set(init.name ?? "", init.dataType === T.INT8 ? new Int8Array(buf) : new Float32Array(buf));
  }
  return out;
}
