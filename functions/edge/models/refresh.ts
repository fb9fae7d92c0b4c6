import { catalogIndexes } from "../catalog/indexes.ts";
import { expirePointer, verifiedSet } from "./active.ts";
import { type Active, readActive, readRegistry, type SetRef, setKey, writeActive } from "./registry.ts";

export const STATUS_KEY = "status/models";

export interface RefreshStatus {
  active: Active | null;
  lastRefresh: string;
  outcome: string;
  lastError: { at: string; message: string } | null;
}

async function readStatus(kv: KVNamespace): Promise<RefreshStatus | null> {
  return kv.get<RefreshStatus>(STATUS_KEY, "json");
}

export async function modelStatus(env: EdgeEnv): Promise<RefreshStatus> {
  const [status, active] = await Promise.all([readStatus(env.CACHE), readActive(env.MODELS)]);
  return { ...(status ?? { lastRefresh: "never", outcome: "never refreshed", lastError: null }), active: active ?? null };
}

async function record(env: EdgeEnv, outcome: string, error?: string): Promise<RefreshStatus> {
  const previous = await readStatus(env.CACHE);
  const now = new Date().toISOString();
  const status: RefreshStatus = {
    active: (await readActive(env.MODELS)) ?? null,
    lastRefresh: now,
    outcome,
    lastError: error ? { at: now, message: error } : (previous?.lastError ?? null),
  };
  await env.CACHE.put(STATUS_KEY, JSON.stringify(status));
  return status;
}

/** Verify everything a set needs to serve (files, load, probe, catalog index) before any edge may see it. */
export async function activate(env: EdgeEnv, ref: SetRef, pinned: boolean): Promise<Active> {
  const set = await verifiedSet(env.MODELS, ref);
  await catalogIndexes(env, set);
  const active = await writeActive(env.MODELS, ref, pinned);
  expirePointer();
  return active;
}

/** The scheduled model refresh: follow the registry unless an admin pinned a version; any failure leaves the last good set active. */
export async function refreshModels(env: EdgeEnv): Promise<RefreshStatus> {
  try {
    const [registry, active] = await Promise.all([readRegistry(env.MODELS), readActive(env.MODELS)]);
    if (!registry) return await record(env, "registry is empty: serving the bundled models");
    if (active?.pinned) return await record(env, `pinned to ${setKey(active.set)}: registry not followed`);
    if (active && setKey(active.set) === setKey(registry.published)) return await record(env, `up to date: ${setKey(active.set)}`);
    await activate(env, registry.published, false);
    return await record(env, `activated ${setKey(registry.published)}`);
  } catch (err) {
    const message = (err as Error).message;
    console.error(JSON.stringify({ level: "error", job: "refresh-models", message }));
    return record(env, "refresh failed: the last good set keeps serving", message);
  }
}
