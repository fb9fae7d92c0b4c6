// The refreshPriors RPC's guard: aggregates come from another worker, so bad ones are a value with a reason, not a throw.

import type { PriorAggregate } from "../lib/priors.ts";
import { type RefreshReport, refreshPriors } from "./priors-store.ts";

export const MAX_AGGREGATES = 200_000;

export type PriorsRefresh = ({ ok: true } & RefreshReport) | { ok: false; code: "invalid_input"; reason: string };

export async function refreshPriorsRpc(kv: KVNamespace, aggregates: unknown): Promise<PriorsRefresh> {
  if (!Array.isArray(aggregates) || aggregates.length > MAX_AGGREGATES) {
    return { ok: false, code: "invalid_input", reason: `aggregates must be an array of at most ${MAX_AGGREGATES} rows` };
  }
  try {
    return { ok: true, ...(await refreshPriors(kv, aggregates as PriorAggregate[])) };
  } catch (err) {
    if (err instanceof RangeError) return { ok: false, code: "invalid_input", reason: err.message };
    throw err;
  }
}
