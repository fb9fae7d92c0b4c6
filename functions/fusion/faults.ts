// Test-only fault injection through the real service binding. OFF unless the worker's env sets FAULTS = "enabled",
// which only vitest.config.ts does; wrangler.toml never declares it, so a deployed worker cannot be switched.

export type Fault = { mode: "throw" } | { mode: "slow"; ms: number };

/** Structural, so FusionEnv (which has no FAULTS) fits it. */
export interface FaultEnv {
  FAULTS?: string;
  SCORES: KVNamespace;
}

const KEY = "faults:fuse";
const MAX_SLOW_MS = 10_000;

const enabled = (env: FaultEnv) => env.FAULTS === "enabled";

export async function setFault(env: FaultEnv, fault: Fault | null): Promise<{ ok: boolean; reason?: string }> {
  if (!enabled(env)) return { ok: false, reason: "fault injection is disabled in this deployment" };
  if (fault === null) await env.SCORES.delete(KEY);
  else if (fault.mode === "throw" || (fault.mode === "slow" && fault.ms >= 0 && fault.ms <= MAX_SLOW_MS))
    await env.SCORES.put(KEY, JSON.stringify(fault));
  else return { ok: false, reason: `unknown fault ${JSON.stringify(fault)}` };
  return { ok: true };
}

/** Applies the configured fault, if any: throws, or waits. A no-op (no KV read) when faults are disabled. */
export async function injectFault(env: FaultEnv): Promise<void> {
  if (!enabled(env)) return;
  const fault = await env.SCORES.get<Fault>(KEY, "json");
  if (fault?.mode === "throw") throw new Error("injected fault: fusion worker failed");
  if (fault?.mode === "slow") await new Promise((resolve) => setTimeout(resolve, fault.ms));
}
