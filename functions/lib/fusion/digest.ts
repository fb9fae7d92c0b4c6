// Cache key for fusion results. FNV-1a 64 is fast and synchronous, and NOT collision-resistant against an adversary:
// use it to key a short-TTL cache of the caller's own inputs, never for integrity or authentication.

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

function hashPlan(plan: FusionPlan): string {
  const h = new Fnv1a64().str("efx-plan-1");
  h.str(plan.strategy).str(plan.normalization).str(plan.missing).f64(plan.rrfK).f64(plan.k);
  h.u32(plan.candidates.length);
  for (const id of plan.candidates) h.f64(id);
  h.u32(plan.sources.length);
  plan.sources.forEach((name, s) => {
    h.str(name).f64(plan.weights[s] ?? 0);
    for (const x of plan.columns[s] ?? []) {
      if (x === null) h.byte(0);
      else h.byte(1).f64(x);
    }
  });
  const st = plan.stacker;
  if (st === null) h.byte(0);
  else {
    // The whole stacker, not just its version: two stackers sharing a version string must not share cache entries.
    h.byte(1).str(st.version).f64(st.trainedOn).f64(st.bias).u32(st.features.length);
    for (const [i, f] of st.features.entries()) h.str(f).f64(st.weights[i] ?? 0);
  }
  return `fx1:${h.hex()}`;
}

/**
 * A stable key of exactly what determines fuse(input): it hashes the validated canonical plan, so defaults spelled out,
 * proportional weights, key order and candidate order (with scores permuted alike) give the same key, and any change
 * that can alter the outcome gives a different one. Invalid input keys on the rejection reason, which is its whole outcome.
 */
export function inputDigest(input: FusionInput): string {
  const v = validateFusionInput(input);
  return v.ok ? hashPlan(v.plan) : `fx1-invalid:${new Fnv1a64().str(v.reason).hex()}`;
}
