// The scan on the wasm SIMD kernel (dots.wat): approximate scores for every row at once, a bound on how far each can be
// off, and the selection of the rows worth scoring exactly. Int8Index scores those rows itself, so results never change.

import { CODE_MAX } from "./quantize.ts";
import type { SearchOptions } from "./types.ts";

const LANES = 16;
const I32_MAX = 2 ** 31 - 1;
const PAGE = 65536;
/** Selection rounds that may each find rows `allow` refuses before the selection gives up and leaves it to the caller. */
const ROUNDS = 3;
/** Histogram buckets over the score range: the top ones are sparse, so the first k rows overshoot k by a few. */
const BUCKETS = 2048;

interface DotsExports {
  memory: WebAssembly.Memory;
  scores(codes: number, scales: number, rows: number, stride: number, q: number, inv: number, out: number): void;
  histogram(scores: number, rows: number, mask: number, lo: number, scale: number, buckets: number, counts: number): void;
  gather(scores: number, rows: number, mask: number, floor: number, out: number): number;
  pass(p: number, bytes: number): number;
}

const align = (n: number, to: number) => Math.ceil(n / to) * to;

/**
 * Below this approximate score no row can make the top-k whose capacity-th best approximate score is kth: its exact score
 * is within `bound` of its approximate one, as is the kth row's, and float32 rounding of the exact scores moves them by
 * a relative 6e-8 at most (the 1e-6 term covers it with room).
 */
export function rescoreFloor(kth: number, bound: number): number {
  return kth - 2 * bound - 1e-6 * (Math.abs(kth) + bound);
}

export interface ApproxScores {
  /** One approximate score per row; a view into the kernel's memory, valid until the next call. */
  scores: Float64Array;
  /** No row's approximate score is further than this from its exact dot product (before float32 rounding). */
  bound: number;
}

/** Lays the kernel's memory out once: every region sized for the whole index, so a search never grows it. */
function layout(rows: number, stride: number) {
  const scales = rows * stride;
  const query = align(scales + rows * 4, LANES);
  const out = query + stride * 2;
  // The scores, then their min and max.
  const counts = out + (rows + 2) * 8;
  const gathered = counts + BUCKETS * 4;
  const mask = gathered + rows * 4;
  return { scales, query, out, counts, gathered, mask, bytes: mask + rows };
}

export class SimdScores {
  /** The codes, held in the kernel's memory; rows are `stride` bytes (dims rounded up to 16, zero-padded). */
  readonly codes: Int8Array;
  readonly stride: number;
  private readonly kernel: DotsExports;
  private readonly at: ReturnType<typeof layout>;
  private readonly query: Int16Array;
  private readonly out: Float64Array;
  private readonly range: Float64Array;
  private readonly counts: Int32Array;
  private readonly gathered: Int32Array;
  private readonly mask: Uint8Array;
  /** The largest scale x sum|code| of any row: what one unit of query error can cost a score at most. */
  private readonly worstRow: number;
  /** The largest |query code|: keeps stride x 127 x qmax, the integer dot product's extreme, within an int32. */
  private readonly qmax: number;

  constructor(
    module: WebAssembly.Module,
    readonly rows: number,
    readonly dims: number,
    codes: Int8Array,
    scales: Float32Array,
  ) {
    this.stride = align(Math.max(dims, 1), LANES);
    this.at = layout(rows, this.stride);
    this.kernel = new WebAssembly.Instance(module, {}).exports as unknown as DotsExports;
    const { memory } = this.kernel;
    const missing = this.at.bytes - memory.buffer.byteLength;
    // Grown once, before any view is taken: growing later would detach the views below.
    if (missing > 0) memory.grow(Math.ceil(missing / PAGE));
    const { buffer } = memory;
    this.codes = new Int8Array(buffer, 0, rows * this.stride);
    if (this.stride === dims) this.codes.set(codes.subarray(0, rows * dims));
    else for (let r = 0; r < rows; r++) this.codes.set(codes.subarray(r * dims, (r + 1) * dims), r * this.stride);
    new Float32Array(buffer, this.at.scales, rows).set(scales.subarray(0, rows));
    this.query = new Int16Array(buffer, this.at.query, this.stride);
    this.out = new Float64Array(buffer, this.at.out, rows);
    this.range = new Float64Array(buffer, this.at.out + rows * 8, 2);
    this.counts = new Int32Array(buffer, this.at.counts, BUCKETS);
    this.gathered = new Int32Array(buffer, this.at.gathered, rows);
    this.mask = new Uint8Array(buffer, this.at.mask, rows);
    this.qmax = Math.min(32767, Math.floor(I32_MAX / (CODE_MAX * this.stride)));
    let worst = 0;
    for (let r = 0; r < rows; r++) {
      let l1 = 0;
      for (let j = r * this.stride, end = j + dims; j < end; j++) l1 += Math.abs(this.codes[j]!);
      worst = Math.max(worst, l1 * scales[r]!);
    }
    this.worstRow = worst;
  }

  /** Quantises the query to int16 with one scale, runs the kernel over every row, and bounds the error that introduced. */
  scores(query: Float64Array): ApproxScores {
    let maxAbs = 0;
    for (let j = 0; j < this.dims; j++) maxAbs = Math.max(maxAbs, Math.abs(query[j]!));
    const scale = maxAbs === 0 ? 0 : this.qmax / maxAbs;
    const inv = maxAbs === 0 ? 0 : 1 / scale;
    let worstError = 0;
    for (let j = 0; j < this.dims; j++) {
      const code = Math.round(query[j]! * scale);
      this.query[j] = code;
      worstError = Math.max(worstError, Math.abs(query[j]! - code * inv));
    }
    this.kernel.scores(0, this.at.scales, this.rows, this.stride, this.at.query, inv, this.at.out);
    return { scores: this.out, bound: this.worstRow * worstError };
  }

  /**
   * The eligible rows (not skipped, allowed), ascending, whose exact score could reach the top `capacity`: usually a few
   * more than capacity. A histogram of the approximate scores finds an edge with at least capacity unmasked rows above it;
   * rows `allow` refuses are masked and the round repeats until at least capacity rows above the edge are allowed. Then
   * the capacity-th best eligible row scores at least the edge, and rescoreFloor(edge) keeps every row that could beat
   * it. When the scores are all equal or `allow` keeps refusing (a narrow filter), the approximate scores come back for the
   * caller to walk itself.
   */
  candidates(
    query: Float64Array,
    capacity: number,
    skip: Uint8Array | null,
    allow: SearchOptions["allow"],
  ): { rows: Int32Array } | { walk: ApproxScores } {
    const approx = this.scores(query);
    const { bound } = approx;
    const [lo = 0, hi = 0] = this.range;
    if (!(hi > lo)) return { walk: approx };
    if (skip) this.mask.set(skip);
    else this.mask.fill(0);
    const { out, mask, counts, gathered } = this.at;
    const scale = BUCKETS / (hi - lo);
    for (let round = 0; round < ROUNDS; round++) {
      this.kernel.histogram(out, this.rows, mask, lo, scale, BUCKETS, counts);
      let b = BUCKETS - 1;
      for (let above = 0; b >= 0; b--) {
        above += this.counts[b]!;
        if (above >= capacity) break;
      }
      // One bucket lower than the one reached: rounding in a bucket index can never put a counted row below the edge.
      // Fewer unmasked rows than capacity (b < 0): every one of them is a candidate.
      const edge = b < 0 ? Number.NEGATIVE_INFINITY : lo + (b - 1) / scale;
      const count = this.kernel.gather(out, this.rows, mask, rescoreFloor(edge, bound), gathered);
      const rows = new Int32Array(count);
      let kept = 0;
      let sure = 0;
      for (let i = 0; i < count; i++) {
        const row = this.gathered[i]!;
        if (allow !== undefined && !allow(row)) {
          this.mask[row] = 1;
          continue;
        }
        rows[kept++] = row;
        if (this.out[row]! >= edge) sure++;
      }
      if (b < 0 || sure >= capacity) return { rows: rows.subarray(0, kept) };
    }
    return { walk: approx };
  }

  /** The kernel's whole linear memory: codes, scales and the per-search scratch. */
  get bytes(): number {
    return this.kernel.memory.buffer.byteLength;
  }

  /** One SIMD pass over exactly the code bytes `scores` reads: the bound the kernel's speed is measured against. */
  pass(): number {
    return this.kernel.pass(0, this.codes.byteLength);
  }
}
