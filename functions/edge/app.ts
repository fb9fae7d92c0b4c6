import { OpenAPIHono } from "@hono/zod-openapi";
import { cors } from "hono/cors";
import { clientAccess } from "./http/access.ts";
import { requireAdmin } from "./http/auth.ts";
import { onError } from "./http/errors.ts";
import { limitBody, requestId, requireJson } from "./http/guards.ts";
import { notFound } from "./http/not-found.ts";
import type { AppEnv } from "./http/types.ts";
import { rejectInvalid } from "./http/validation.ts";
import { admin } from "./routes/admin.ts";
import { adminMemory } from "./routes/admin-memory.ts";
import { adminModels } from "./routes/admin-models.ts";
import { embed } from "./routes/embed.ts";
import { feedbackRoute } from "./routes/feedback.ts";
import { health } from "./routes/health.ts";
import { items } from "./routes/items.ts";
import { recommendRoute } from "./routes/recommend.ts";

const EXPOSED = ["etag", "server-timing", "x-request-id", "retry-after"];

export const app = new OpenAPIHono<AppEnv>({ defaultHook: rejectInvalid });

app.use("*", requestId);
// Browsers and apps on other origins call the API directly; no cookies are used, so any origin may.
app.use("/v1/*", cors({ origin: "*", allowHeaders: ["content-type", "authorization", "x-api-key"], exposeHeaders: EXPOSED, maxAge: 600 }));
// Admin routes authenticate before anything reads the body, so an anonymous caller learns nothing from validation errors.
app.use("/v1/admin/*", requireAdmin);
app.use("/v1/*", clientAccess, limitBody, requireJson);
app.route("/", health);
app.route("/", embed);
app.route("/", recommendRoute);
app.route("/", feedbackRoute);
app.route("/", items);
app.route("/", admin);
app.route("/", adminModels);
app.route("/", adminMemory);

app.doc31("/openapi.json", {
  openapi: "3.1.0",
  info: { title: "edgefuse", version: "0.1.0", description: "Search and recommendation at the edge" },
});
app.notFound(notFound(app));
app.onError(onError);
