import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { CLIENT_ERRORS, json } from "../../lib/contracts/common.ts";
import { RecommendRequest, RecommendResponse } from "../../lib/contracts/recommend.ts";
import { catalog } from "../catalog/catalog.ts";
import { catalogIndexes } from "../catalog/indexes.ts";
import { modelsFor } from "../http/models.ts";
import type { AppEnv } from "../http/types.ts";
import { rejectInvalid } from "../http/validation.ts";
import { recommend } from "../recommend/pipeline.ts";

const route = createRoute({
  method: "post",
  path: "/v1/recommend",
  summary: "Recommend movies from a free-text query (zero-shot) and/or a history of rated movies (few-shot)",
  request: { body: { content: { "application/json": { schema: RecommendRequest } }, required: true } },
  responses: { 200: json(RecommendResponse, "Fused recommendations, best first"), ...CLIENT_ERRORS },
});

export const recommendRoute = new OpenAPIHono<AppEnv>({ defaultHook: rejectInvalid }).openapi(route, async (c) => {
  const models = await modelsFor(c);
  const [indexes, cat] = await Promise.all([catalogIndexes(c.env, models), catalog()]);
  const body = await recommend(c.req.valid("json"), { models, indexes, catalog: cat, fusion: c.env.FUSION });
  // Personalised: a shared cache must never store or serve it.
  c.header("Cache-Control", "private, no-store");
  return c.json(body, 200);
});
