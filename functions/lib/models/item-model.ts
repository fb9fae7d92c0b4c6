import { int64Tensor, type OnnxSession } from "../onnx/runtime.ts";
import { l2normalize } from "../pooling.ts";
import type { ItemManifest } from "./manifest.ts";
import { outputOf } from "./output.ts";

const CHUNK = 1024;

/** A collaborative item encoder: catalog ids map to rows (items.json), rows to vectors. */
export class ItemModel {
  readonly #rowOf: Map<number, number>;

  constructor(
    readonly manifest: ItemManifest,
    readonly items: readonly number[],
    private readonly session: OnnxSession,
  ) {
    this.#rowOf = new Map(items.map((id, row) => [id, row]));
  }

  get dims(): number {
    return this.manifest.dims;
  }

  /** The row of a catalog id, or undefined for an item the model never saw (a cold item). */
  rowOf(id: number): number | undefined {
    return this.#rowOf.get(id);
  }

  /** Vectors of the given rows, normalised as the manifest says unless `normalize` is false (the probe compares raw outputs). */
  async embedRows(rows: readonly number[], normalize = this.manifest.normalize): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    const input = this.manifest.inputs[0]?.name ?? "item_ids";
    for (let start = 0; start < rows.length; start += CHUNK) {
      const chunk = rows.slice(start, start + CHUNK);
      const ids = BigInt64Array.from(chunk, (r) => BigInt(r));
      const outputs = await this.session.run({ [input]: int64Tensor(ids, [chunk.length]) });
      const data = outputOf(this.manifest, outputs, [chunk.length, this.manifest.dims]);
      for (let i = 0; i < chunk.length; i++) {
        const v = data.slice(i * this.dims, (i + 1) * this.dims);
        out.push(normalize ? l2normalize(v) : v);
      }
    }
    return out;
  }
}
