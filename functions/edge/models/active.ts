import { AsyncMemo } from "../../lib/onnx/memo.ts";
import { BUNDLED } from "./bundled.ts";
import { loadModelSet, type ModelSet } from "./load.ts";
import { probeSet } from "./probe.ts";
import { fetchSet, readActive, type SetRef, setKey } from "./registry.ts";

/** How often an isolate re-reads the active pointer: a newly activated set serves everywhere within this plus its load time. */
export const POLL_MS = 30_000;
export const BUNDLED_KEY = "bundled";

const loads = new AsyncMemo<ModelSet>();
let serving: { key: string; set: ModelSet } | undefined;
let checkedAt = 0;
let checking: Promise<void> | undefined;

/** Downloads, verifies, loads and probes a set from the registry; shared by the refresh job, pins and isolates. */
export function verifiedSet(bucket: R2Bucket, ref: SetRef): Promise<ModelSet> {
  return loads.get(setKey(ref), async () => {
    const set = await loadModelSet(await fetchSet(bucket, ref));
    await probeSet(set);
    return set;
  });
}

export function bundledSet(): Promise<ModelSet> {
  return loads.get(BUNDLED_KEY, () => loadModelSet(BUNDLED));
}

async function follow(env: EdgeEnv): Promise<void> {
  checkedAt = Date.now();
  try {
    const active = await readActive(env.MODELS);
    const key = active ? setKey(active.set) : BUNDLED_KEY;
    if (serving?.key === key) return;
    const set = active ? await verifiedSet(env.MODELS, active.set) : await bundledSet();
    serving = { key, set };
  } catch (err) {
    // A pointer this isolate cannot load leaves it on what it had; the refresh job records the error for the admin route.
    console.error(JSON.stringify({ level: "error", message: `model swap failed: ${(err as Error).message}` }));
    serving ??= { key: BUNDLED_KEY, set: await bundledSet() };
  }
}

/**
 * The model set a request uses from start to finish, so no response mixes versions. The first request of an isolate waits for a
 * set; later ones never do: a newer pointer is followed in the background and swapped in only once it has loaded and passed its probe.
 */
export async function activeModels(env: EdgeEnv, waitUntil?: (work: Promise<unknown>) => void): Promise<ModelSet> {
  if (!serving) {
    checking ??= follow(env).finally(() => {
      checking = undefined;
    });
    await checking;
  } else if (!checking && Date.now() - checkedAt >= POLL_MS) {
    checking = follow(env).finally(() => {
      checking = undefined;
    });
    waitUntil?.(checking);
  }
  if (!serving) throw new Error("no model set could be loaded");
  return serving.set;
}

/** For tests and the refresh job: make the next request re-read the pointer instead of waiting out the poll interval. */
export function expirePointer(): void {
  checkedAt = 0;
}
