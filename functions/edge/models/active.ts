import { AsyncMemo } from "../../lib/onnx/memo.ts";
import { BUNDLED } from "./bundled.ts";
import { loadModelSet, type ModelSet } from "./load.ts";

const sets = new AsyncMemo<ModelSet>();

/** The model set this isolate serves. Loaded once per isolate; a failed load is retried by the next request. */
export function activeModels(): Promise<ModelSet> {
  return sets.get("bundled", () => loadModelSet(BUNDLED));
}
