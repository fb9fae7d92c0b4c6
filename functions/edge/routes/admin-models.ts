import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { CLIENT_ERRORS, ErrorResponse, json } from "../../lib/contracts/common.ts";
import { ApiError } from "../../lib/errors.ts";
import type { AppEnv } from "../http/types.ts";
import { rejectInvalid } from "../http/validation.ts";
import { activate, modelStatus, refreshModels } from "../models/refresh.ts";
import { readActive, readRegistry, SetRef, writeActive } from "../models/registry.ts";

const Status = z
  .object({
    active: z.unknown().openapi({ description: "active.json: the set edges serve, when it was activated, whether pinned" }),
    lastRefresh: z.string(),
    outcome: z.string(),
    lastError: z.object({ at: z.string(), message: z.string() }).nullable(),
  })
  .openapi("ModelStatus");

const AUTH = { 401: json(ErrorResponse, "Missing or wrong admin token") } as const;
const security = [{ bearer: [] }];

const statusRoute = createRoute({
  method: "get",
  path: "/v1/admin/models",
  summary: "Active model versions, last refresh and last error",
  security,
  responses: { 200: json(Status, "Refresh status"), ...AUTH },
});

const pinRoute = createRoute({
  method: "post",
  path: "/v1/admin/models/pin",
  summary: "Roll back (or forward) to a published set; verified like a refresh, and the refresh stops following the registry",
  security,
  request: { body: { content: { "application/json": { schema: SetRef.openapi("ModelSetRef") } }, required: true } },
  responses: { 200: json(Status, "Pinned"), 409: json(ErrorResponse, "The set failed verification"), ...AUTH, ...CLIENT_ERRORS },
});

const unpinRoute = createRoute({
  method: "post",
  path: "/v1/admin/models/unpin",
  summary: "Follow the registry again from the next refresh on",
  security,
  responses: { 200: json(Status, "Unpinned and refreshed"), ...AUTH },
});

export const adminModels = new OpenAPIHono<AppEnv>({ defaultHook: rejectInvalid });
adminModels
  .openapi(statusRoute, async (c) => c.json(await modelStatus(c.env), 200))
  .openapi(pinRoute, async (c) => {
    try {
      await activate(c.env, c.req.valid("json"), true);
    } catch (err) {
      throw new ApiError(409, "model_set_rejected", `The set did not pass verification: ${(err as Error).message}`);
    }
    return c.json(await modelStatus(c.env), 200);
  })
  .openapi(unpinRoute, async (c) => {
    const [active, registry] = await Promise.all([readActive(c.env.MODELS), readRegistry(c.env.MODELS)]);
    if (active?.pinned) await writeActive(c.env.MODELS, active.set, false);
    if (registry) await refreshModels(c.env);
    return c.json(await modelStatus(c.env), 200);
  });
