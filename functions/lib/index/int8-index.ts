// Exact brute-force cosine search over int8-quantised vectors; at 9k-100k x 64 a tight scan beats any ANN setup cost.

import { decodeIndex, encodeIndex, MAX_DIMS } from "./format.ts";
import { quantizeRowInto } from "./quantize.ts";
import { type ApproxScores, rescoreFloor, SimdScores } from "./simd.ts";
import { TopK } from "./topk.ts";
import type { SearchOptions, SearchResult, VectorIndex } from "./types.ts";

// Indexing below is bounded by n and dims fixed at construction, hence the non-null assertions in the loops.

export class Int8Index implements VectorIndex {
  readonly size: number;
  private readonly rowById = new Map<number, number>();
  private simd: SimdScores | undefined;

  private constructor(
    readonly dims: number,
    readonly ids: Int32Array,
    private readonly scales: Float32Array,
    private codes: Int8Array,
  ) {
    this.size = ids.length;
    for (let row = 0; row < ids.length; row++) {
      const id = ids[row]!;
      if (this.rowById.has(id)) throw new Error(`Int8Index: duplicate id ${id} at row ${row}`);
      this.rowById.set(id, row);
    }
  }

  static fromFloat32(ids: Int32Array, vectors: Float32Array, dims: number): Int8Index {
    if (!Number.isInteger(dims) || dims < 1 || dims > MAX_DIMS) {
      throw new Error(`Int8Index: dims must be an integer in 1..${MAX_DIMS}, got ${dims}`);
    }
    if (vectors.length !== ids.length * dims) {
      throw new Error(`Int8Index: expected ${ids.length} x ${dims} = ${ids.length * dims} floats, got ${vectors.length}`);
    }
    const codes = new Int8Array(vectors.length);
    const scales = new Float32Array(ids.length);
    for (let row = 0; row < ids.length; row++) {
      scales[row] = quantizeRowInto(vectors, codes, row, dims);
    }
    return new Int8Index(dims, ids.slice(), scales, codes);
  }

  static fromBytes(bytes: ArrayBuffer | Uint8Array): Int8Index {
    const p = decodeIndex(bytes);
    return new Int8Index(p.dims, p.ids, p.scales, p.codes);
  }

  /**
   * Hands the scan to the wasm SIMD kernel (dots.wasm, compiled by the caller: workerd imports it, Node reads it). Results
   * are the same, bit for bit: the kernel only picks the rows worth scoring, and those are scored exactly as before.
   */
  accelerate(kernel: WebAssembly.Module): this {
    if (this.simd) return this;
    this.simd = new SimdScores(kernel, this.size, this.dims, this.codes, this.scales);
    // Without padding the kernel's copy has the same layout: keep one copy, in the kernel's memory.
    if (this.simd.stride === this.dims) this.codes = this.simd.codes;
    return this;
  }

  /** Bytes held in typed arrays and in the kernel's memory; the id -> row Map lives on the JS heap and is not counted. */
  get bytes(): number {
    return this.ids.byteLength + this.scales.byteLength + (this.simd ? this.simd.bytes : this.codes.byteLength);
  }

  /** The kernel this index scans with, if accelerate was called (the bench times it against its own memory pass). */
  get kernel(): SimdScores | undefined {
    return this.simd;
  }

  toBytes(): Uint8Array {
    return encodeIndex({
      n: this.size,
      dims: this.dims,
      ids: this.ids,
      scales: this.scales,
      codes: this.codes,
    });
  }

  rowOf(id: number): number | undefined {
    return this.rowById.get(id);
  }

  /** Dequantised vector (codes x scale), i.e. exactly what the scores are computed against. */
  vector(row: number): Float32Array {
    this.checkRow(row);
    const out = new Float32Array(this.dims);
    const base = row * this.dims;
    const scale = this.scales[row]!;
    for (let j = 0; j < this.dims; j++) out[j] = this.codes[base + j]! * scale;
    return out;
  }

  search(query: Float32Array, k: number, opts: SearchOptions = {}): SearchResult {
    const q = this.checkQuery(query);
    if (Number.isNaN(k)) throw new Error("Int8Index: k is NaN");
    const capacity = Number.isFinite(k) ? Math.max(0, Math.min(Math.floor(k), this.size)) : this.size;
    if (capacity === 0) return { ids: new Int32Array(0), rows: new Int32Array(0), scores: new Float32Array(0) };

    const skip = this.excludedRows(opts.exclude);
    const top = this.simd ? this.topBySimd(this.simd, q, capacity, skip, opts.allow) : this.topByScan(q, capacity, skip, opts.allow);
    const { rows, scores } = top.drain();
    const ids = new Int32Array(rows.length);
    for (let i = 0; i < rows.length; i++) ids[i] = this.ids[rows[i]!]!;
    return { ids, rows, scores };
  }

  /** Exact scores for the given rows, in ascending row order, into a top-k (or every eligible row when rows is undefined). */
  private topByScan(q: Float64Array, capacity: number, skip: Uint8Array | null, allow: SearchOptions["allow"], rows?: Int32Array): TopK {
    const top = new TopK(capacity);
    let threshold = top.threshold;
    const count = rows ? rows.length : this.size;
    for (let i = 0; i < count; i++) {
      const row = rows ? rows[i]! : i;
      if (skip !== null && skip[row] === 1) continue;
      const score = this.scoreRow(q, row);
      // Rows arrive in ascending order, so an equal score can never displace a kept row.
      if (score <= threshold) continue;
      if (allow !== undefined && !allow(row)) continue;
      top.push(score, row);
      threshold = top.threshold;
    }
    return top;
  }

  /**
   * Exactly topByScan's answer: the kernel names the eligible rows that could make the top-k, only those are scored
   * exactly. When a narrow `allow` defeats its selection, the approximate scores are walked here, allow asked as the scan would.
   */
  private topBySimd(simd: SimdScores, q: Float64Array, capacity: number, skip: Uint8Array | null, allow: SearchOptions["allow"]): TopK {
    const found = simd.candidates(q, capacity, skip, allow);
    if ("rows" in found) return this.topByScan(q, capacity, null, undefined, found.rows);
    return this.topByScan(q, capacity, skip, allow, this.walk(found.walk, capacity, skip, allow));
  }

  private walk({ scores, bound }: ApproxScores, capacity: number, skip: Uint8Array | null, allow: SearchOptions["allow"]): Int32Array {
    const top = new TopK(capacity);
    let threshold = top.threshold;
    for (let row = 0; row < this.size; row++) {
      const score = scores[row]!;
      if (score <= threshold) continue;
      if (skip !== null && skip[row] === 1) continue;
      if (allow !== undefined && !allow(row)) continue;
      top.push(score, row);
      threshold = top.threshold;
    }
    // Not full: every eligible row is in it.
    if (top.size < capacity) return top.drain().rows.sort();
    const floor = rescoreFloor(threshold, bound);
    const rows: number[] = [];
    for (let row = 0; row < this.size; row++) if (scores[row]! >= floor) rows.push(row);
    return Int32Array.from(rows);
  }

  scoreRows(query: Float32Array, rows: Int32Array): Float32Array {
    const q = this.checkQuery(query);
    const out = new Float32Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      this.checkRow(row);
      out[i] = this.scoreRow(q, row);
    }
    return out;
  }

  /** Rounding to float32 here, not at output, makes the tie-break act on the scores callers actually see. */
  private scoreRow(q: Float64Array, row: number): number {
    return Math.fround(dotInt8(q, this.codes, row * this.dims, this.dims) * this.scales[row]!);
  }

  private checkQuery(query: Float32Array): Float64Array {
    if (query.length !== this.dims) {
      throw new Error(`Int8Index: query has ${query.length} dims, index has ${this.dims}`);
    }
    const q = new Float64Array(this.dims);
    for (let j = 0; j < this.dims; j++) {
      const v = query[j]!;
      if (!Number.isFinite(v)) throw new Error(`Int8Index: query has a non-finite value at dim ${j}`);
      q[j] = v;
    }
    return q;
  }

  private checkRow(row: number): void {
    if (!Number.isInteger(row) || row < 0 || row >= this.size) {
      throw new Error(`Int8Index: row ${row} out of range 0..${this.size - 1}`);
    }
  }

  private excludedRows(exclude: ReadonlySet<number> | undefined): Uint8Array | null {
    if (exclude === undefined || exclude.size === 0) return null;
    // A row mask costs n bytes once; a Set lookup per row would dominate the scan.
    const mask = new Uint8Array(this.size);
    for (const id of exclude) {
      const row = this.rowById.get(id);
      if (row !== undefined) mask[row] = 1;
    }
    return mask;
  }
}

/** Float64 accumulation in eight lanes: breaks the add dependency chain (~1.4x a one-lane loop in V8, measured at 100k x 64). */
function dotInt8(q: Float64Array, codes: Int8Array, base: number, dims: number): number {
  const end8 = dims - (dims % 8);
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  let s5 = 0;
  let s6 = 0;
  let s7 = 0;
  let j = 0;
  for (; j < end8; j += 8) {
    const b = base + j;
    s0 += q[j]! * codes[b]!;
    s1 += q[j + 1]! * codes[b + 1]!;
    s2 += q[j + 2]! * codes[b + 2]!;
    s3 += q[j + 3]! * codes[b + 3]!;
    s4 += q[j + 4]! * codes[b + 4]!;
    s5 += q[j + 5]! * codes[b + 5]!;
    s6 += q[j + 6]! * codes[b + 6]!;
    s7 += q[j + 7]! * codes[b + 7]!;
  }
  for (; j < dims; j++) s0 += q[j]! * codes[base + j]!;
  return s0 + s1 + (s2 + s3) + (s4 + s5 + (s6 + s7));
}
