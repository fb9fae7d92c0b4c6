import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { CLIENT_ERRORS, json } from "../../lib/contracts/common.ts";
import { EmbedRequest, EmbedResponse } from "../../lib/contracts/embed.ts";
import { modelsFor } from "../http/models.ts";
import type { AppEnv } from "../http/types.ts";
import { rejectInvalid } from "../http/validation.ts";

const route = createRoute({
  method: "post",
  path: "/v1/embed",
  summary: "Embed texts with the active text encoder",
  request: { body: { content: { "application/json": { schema: EmbedRequest } }, required: true } },
  responses: { 200: json(EmbedResponse, "One L2-normalised vector per text, in order"), ...CLIENT_ERRORS },
});

export const embed = new OpenAPIHono<AppEnv>({ defaultHook: rejectInvalid }).openapi(route, async (c) => {
  const { texts } = c.req.valid("json");
  const { text } = await modelsFor(c);
  const vectors = await text.embed(texts);
  return c.json(
    { model: text.manifest.id, version: text.manifest.version, dims: text.dims, vectors: vectors.map((v) => Array.from(v)) },
    200,
  );
});
