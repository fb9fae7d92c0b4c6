// Cache keys for fusion results and small digests. Fast and synchronous, and NOT collision-resistant against an adversary:
// use them to key a short-TTL cache of the caller's own inputs, never for integrity or authentication.

import type { FusionInput, FusionPlan } from "./types.ts";
import { validateFusionInput } from "./validate.ts";

/** Incremental FNV-1a 64 over bytes, kept in four 16-bit limbs because JS bitwise ops are 32-bit. */
export class Fnv1a64 {
  private h0 = 0x2325;
  private h1 = 0x8422;
  private h2 = 0x9ce4;
  private h3 = 0xcbf2;
  private readonly scratch = new DataView(new ArrayBuffer(8));

  byte(b: number): this {
    const x0 = this.h0 ^ (b & 0xff);
    // Multiply by the prime 2^40 + 0x1b3; limb products stay far below 2^53, so plain number math is exact.
    const t0 = x0 * 0x1b3;
    const t1 = this.h1 * 0x1b3 + (t0 >>> 16);
    const t2 = this.h2 * 0x1b3 + x0 * 0x100 + (t1 >>> 16);
    const t3 = this.h3 * 0x1b3 + this.h1 * 0x100 + (t2 >>> 16);
    this.h0 = t0 & 0xffff;
    this.h1 = t1 & 0xffff;
    this.h2 = t2 & 0xffff;
    this.h3 = t3 & 0xffff;
    return this;
  }

  u32(x: number): this {
    return this.byte(x)
      .byte(x >>> 8)
      .byte(x >>> 16)
      .byte(x >>> 24);
  }

  /** Exact bits of a float64; -0 is folded into 0 since no strategy tells them apart. */
  f64(x: number): this {
    this.scratch.setFloat64(0, x === 0 ? 0 : x, true);
    for (let i = 0; i < 8; i++) this.byte(this.scratch.getUint8(i));
    return this;
  }

  /** Length-prefixed UTF-16 code units, so ("ab","c") and ("a","bc") differ. */
  str(s: string): this {
    this.u32(s.length);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      this.byte(c).byte(c >>> 8);
    }
    return this;
  }

  hex(): string {
    return [this.h3, this.h2, this.h1, this.h0].map((l) => l.toString(16).padStart(4, "0")).join("");
  }
}

/**
 * 64 bits from two 32-bit lanes fed the same 32-bit words: a murmur3 round and an xxHash32 round, each finished with
 * murmur3's avalanche. A few integer operations per word, where FNV-1a above spends a dozen per byte; the score columns
 * are most of a plan, so this is what makes keying every fusion call cheap next to the fusion itself. Not
 * collision-resistant against an adversary either.
 */
class WordHash64 {
  private a = 0x2f0b_3a49;
  private b = 0x165667b1;
  private words = 0;

  word(w: number): void {
    let k = Math.imul(w, 0xcc9e2d51);
    k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
    const a = this.a ^ k;
    this.a = (Math.imul((a << 13) | (a >>> 19), 5) + 0xe6546b64) | 0;
    const b = (this.b + Math.imul(w, 0x85ebca77)) | 0;
    this.b = Math.imul((b << 13) | (b >>> 19), 0x9e3779b1);
    this.words++;
  }

  /** The exact bits of each float64, as two words each. */
  f64s(values: Float64Array): void {
    const words = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
    for (let i = 0; i < words.length; i++) this.word(words[i]!);
  }

  /** Length-prefixed UTF-16 code units. */
  str(s: string): void {
    this.word(s.length);
    for (let i = 0; i < s.length; i++) this.word(s.charCodeAt(i));
  }

  hex(): string {
    return [fmix32(this.a ^ this.words), fmix32(this.b ^ this.words)].map((h) => (h >>> 0).toString(16).padStart(8, "0")).join("");
  }
}

function fmix32(h: number): number {
  let x = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return x ^ (x >>> 16);
}

/**
 * Every number of the plan, in one canonical order, as float64: null as NaN (validated scores are finite, so NaN is
 * free) and -0 as 0 (no strategy tells them apart).
 */
function planNumbers(plan: FusionPlan): Float64Array {
  const n = plan.candidates.length;
  const st = plan.stacker;
  const out = new Float64Array(4 + n + plan.sources.length * (n + 1) + (st ? 3 + st.weights.length : 0));
  let at = 0;
  const put = (x: number) => {
    out[at++] = x === 0 ? 0 : x;
  };
  put(plan.rrfK);
  put(plan.k);
  put(n);
  for (const id of plan.candidates) put(id);
  put(plan.sources.length);
  plan.sources.forEach((_, s) => {
    put(plan.weights[s] ?? 0);
    for (const x of plan.columns[s] ?? []) put(x ?? Number.NaN);
  });
  if (st) {
    // The whole stacker, not just its version: two stackers sharing a version string must not share cache entries.
    put(st.trainedOn);
    put(st.bias);
    put(st.features.length);
    for (const w of st.weights) put(w);
  }
  return out;
}

/** The cache key of a validated plan: equal plans, equal keys; any difference that can alter the outcome, another key. */
export function planDigest(plan: FusionPlan): string {
  const h = new WordHash64();
  h.str("efx-plan-2");
  h.str(plan.strategy);
  h.str(plan.normalization);
  h.str(plan.missing);
  for (const name of plan.sources) h.str(name);
  h.word(plan.stacker ? 1 : 0);
  if (plan.stacker) {
    h.str(plan.stacker.version);
    for (const f of plan.stacker.features) h.str(f);
  }
  h.f64s(planNumbers(plan));
  return `fx2:${h.hex()}`;
}

/**
 * A stable key of exactly what determines fuse(input): it hashes the validated canonical plan, so defaults spelled out,
 * proportional weights, key order and candidate order (with scores permuted alike) give the same key, and any change
 * that can alter the outcome gives a different one. Invalid input keys on the rejection reason, which is its whole outcome.
 */
export function inputDigest(input: FusionInput): string {
  const v = validateFusionInput(input);
  return v.ok ? planDigest(v.plan) : `fx2-invalid:${new Fnv1a64().str(v.reason).hex()}`;
}
