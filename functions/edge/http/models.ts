import type { Context } from "hono";
import { activeModels } from "../models/active.ts";
import type { ModelSet } from "../models/load.ts";
import type { AppEnv } from "./types.ts";

/** The request's model set; a pointer change found on the way is followed after the response, never in front of it. */
export function modelsFor(c: Context<AppEnv>): Promise<ModelSet> {
  return activeModels(c.env, (work) => c.executionCtx.waitUntil(work));
}
