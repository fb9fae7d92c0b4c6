import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { CLIENT_ERRORS, ErrorResponse, json } from "../../lib/contracts/common.ts";
import { STRATEGIES } from "../../lib/contracts/recommend.ts";
import { ApiError } from "../../lib/errors.ts";
import type { AppEnv } from "../http/types.ts";
import { rejectInvalid } from "../http/validation.ts";

// Weight profiles live in the fusion worker's KV; these routes only authenticate, validate the shape and forward by RPC.
// The fusion worker re-validates with the library's rules (it trusts no caller).

const ProfileParams = z.object({
  name: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,31}$/, "profile names are 1-32 lowercase letters, digits or -")
    .openapi({ param: { name: "name", in: "path" }, example: "default" }),
});

const ProfileConfig = z
  .object({
    weights: z.record(z.string(), z.number().min(0).max(1e6)).refine((w) => Object.keys(w).length >= 1, "name at least one source"),
    strategy: z.enum(STRATEGIES).optional(),
    normalization: z.enum(["minmax", "zscore", "rank"]).optional(),
    missing: z.enum(["renormalize", "zero"]).optional(),
    rrfK: z.number().min(0).max(1e6).optional(),
  })
  .strict()
  .openapi("ProfileConfig");

const Profile = ProfileConfig.extend({ name: z.string(), version: z.number().int(), createdAt: z.string() }).openapi("Profile");
const ProfileResponse = z.object({ profile: Profile, versions: z.array(z.number().int()).optional() }).openapi("ProfileResponse");
const Rollback = z
  .object({ version: z.number().int().min(0) })
  .strict()
  .openapi("ProfileRollback");

const AUTH_ERRORS = {
  401: json(ErrorResponse, "Missing or wrong admin bearer token"),
  404: json(ErrorResponse, "No such profile version"),
  503: json(ErrorResponse, "The fusion worker did not answer"),
} as const;
const security = [{ adminBearer: [] }];

const getRoute = createRoute({
  method: "get",
  path: "/v1/admin/profiles/{name}",
  summary: "The active version of a weight profile and the versions it has",
  security,
  request: { params: ProfileParams },
  responses: { 200: json(ProfileResponse, "Active profile"), 400: CLIENT_ERRORS[400], ...AUTH_ERRORS },
});

const putRoute = createRoute({
  method: "put",
  path: "/v1/admin/profiles/{name}",
  summary: "Store a new version of a weight profile and make it active",
  security,
  request: { params: ProfileParams, body: { content: { "application/json": { schema: ProfileConfig } }, required: true } },
  responses: { 200: json(ProfileResponse, "The new active version"), ...CLIENT_ERRORS, ...AUTH_ERRORS },
});

const rollbackRoute = createRoute({
  method: "post",
  path: "/v1/admin/profiles/{name}/rollback",
  summary: "Make an earlier version of a weight profile active again (0 = the code default)",
  security,
  request: { params: ProfileParams, body: { content: { "application/json": { schema: Rollback } }, required: true } },
  responses: { 200: json(ProfileResponse, "The now active version"), ...CLIENT_ERRORS, ...AUTH_ERRORS },
});

async function atCentre<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    console.warn(JSON.stringify({ level: "warn", message: `admin: fusion unavailable: ${(err as Error).message}` }));
    throw new ApiError(503, "fusion_unavailable", "The fusion worker did not answer; try again");
  }
}

type Failure = { ok: false; code: "invalid_profile" | "not_found"; reason: string };
function refuse(f: Failure): never {
  throw f.code === "not_found" ? new ApiError(404, "profile_version_not_found", f.reason) : new ApiError(400, "invalid_profile", f.reason);
}

export const admin = new OpenAPIHono<AppEnv>({ defaultHook: rejectInvalid });
admin.openAPIRegistry.registerComponent("securitySchemes", "adminBearer", { type: "http", scheme: "bearer" });
admin
  .openapi(getRoute, async (c) => {
    const r = await atCentre(async () => await c.env.FUSION.getProfile(c.req.valid("param").name));
    if (!r.ok) refuse(r);
    c.header("Cache-Control", "no-store");
    return c.json({ profile: r.profile, versions: r.versions }, 200);
  })
  .openapi(putRoute, async (c) => {
    const { name } = c.req.valid("param");
    const config = c.req.valid("json");
    const r = await atCentre(async () => await c.env.FUSION.putProfile(name, config));
    if (!r.ok) refuse(r);
    console.log(JSON.stringify({ level: "info", job: "admin", action: "put-profile", name, version: r.profile.version }));
    return c.json({ profile: r.profile }, 200);
  })
  .openapi(rollbackRoute, async (c) => {
    const { name } = c.req.valid("param");
    const { version } = c.req.valid("json");
    const r = await atCentre(async () => await c.env.FUSION.rollbackProfile(name, version));
    if (!r.ok) refuse(r);
    console.log(JSON.stringify({ level: "info", job: "admin", action: "rollback-profile", name, version }));
    return c.json({ profile: r.profile }, 200);
  });
