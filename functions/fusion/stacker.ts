// The learned combiner for "stacked": KV (`stacker:active`) can replace the set bundled from models/stacker/stacker.json.
// A set holds one stacker per source combination, because a stacker serves only the exact sources it was trained on.

import bundled from "../../models/stacker/stacker.json";
import { stackerMismatch } from "../lib/fusion/stacked.ts";
import type { Stacker } from "../lib/fusion/types.ts";

export interface StackerSet {
  id: string;
  version: string;
  stackers: Stacker[];
}

export const STACKER_KEY = "stacker:active";
const MEMORY_MS = 60_000;

let held: { set: StackerSet; at: number } | undefined;

async function stackerSet(kv: KVNamespace, now: number): Promise<StackerSet> {
  if (held && now - held.at < MEMORY_MS) return held.set;
  const set = (await kv.get<StackerSet>(STACKER_KEY, "json")) ?? (bundled as StackerSet);
  held = { set, at: now };
  return set;
}

/**
 * The stacker trained on exactly these sources, or else the set's first one (so the library's fallback names the mismatch),
 * or undefined when none is trained (the library then says so and uses weighted).
 */
export async function stackerFor(kv: KVNamespace, sources: readonly string[], now = Date.now()): Promise<Stacker | undefined> {
  const { stackers } = await stackerSet(kv, now);
  const sorted = [...sources].sort();
  return stackers.find((st) => stackerMismatch(st, sorted) === null) ?? stackers[0];
}
