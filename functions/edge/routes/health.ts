import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { json } from "../../lib/contracts/common.ts";
import { within } from "../../lib/within.ts";
import { catalogIndexes } from "../catalog/indexes.ts";
import { modelsFor } from "../http/models.ts";
import type { AppEnv } from "../http/types.ts";

const READY_TIMEOUT_MS = 5000;
// Building the text index from scratch (empty KV) embeds the whole catalog; later isolates read it from KV.
const INDEX_TIMEOUT_MS = 20_000;

const Live = z.object({ status: z.literal("ok") }).openapi("Live");
const Ready = z.object({ status: z.literal("ready"), models: z.record(z.string(), z.string()), fusion: z.string() }).openapi("Ready");
const Unavailable = z.object({ status: z.literal("unavailable"), reasons: z.array(z.string()) }).openapi("Unavailable");

const liveRoute = createRoute({ method: "get", path: "/healthz", summary: "The process is up", responses: { 200: json(Live, "Up") } });
const readyRoute = createRoute({
  method: "get",
  path: "/readyz",
  summary: "Models loaded and the fusion worker answering",
  responses: { 200: json(Ready, "Ready to recommend"), 503: json(Unavailable, "Not ready, with the reasons") },
});

export const health = new OpenAPIHono<AppEnv>()
  .openapi(liveRoute, (c) => c.json({ status: "ok" as const }, 200))
  .openapi(readyRoute, async (c) => {
    const reasons: string[] = [];
    let models: Record<string, string> = {};
    try {
      // Ready includes the catalog indexes: the first recommendation must not be the one that builds them.
      const set = await within(READY_TIMEOUT_MS, "model load", modelsFor(c));
      await within(INDEX_TIMEOUT_MS, "catalog index", catalogIndexes(c.env, set));
      models = set.versions;
    } catch (err) {
      reasons.push(`models: ${(err as Error).message}`);
    }
    let fusion = "";
    try {
      fusion = (await within(READY_TIMEOUT_MS, "fusion worker", c.env.FUSION.ping())).version;
    } catch (err) {
      reasons.push(`fusion: ${(err as Error).message}`);
    }
    if (reasons.length > 0) return c.json({ status: "unavailable" as const, reasons }, 503);
    return c.json({ status: "ready" as const, models, fusion }, 200);
  });
