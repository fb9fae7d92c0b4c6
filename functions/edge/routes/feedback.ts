import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { CLIENT_ERRORS, json } from "../../lib/contracts/common.ts";
import { type FeedbackEvent, FeedbackRequest, FeedbackResponse } from "../../lib/contracts/feedback.ts";
import { catalog } from "../catalog/catalog.ts";
import { locationOf, registerLocation } from "../feedback/location.ts";
import type { StoredEvent } from "../feedback/schema.ts";
import type { AppEnv } from "../http/types.ts";
import { rejectInvalid } from "../http/validation.ts";

const route = createRoute({
  method: "post",
  path: "/v1/feedback",
  summary: "Record user reactions (idempotent by eventId); acknowledged only once durably stored at this edge location",
  request: { body: { content: { "application/json": { schema: FeedbackRequest } }, required: true } },
  responses: {
    200: json(FeedbackResponse, "Every event is either stored (now or by an earlier replay) or listed in warnings"),
    ...CLIENT_ERRORS,
  },
});

function stored(e: FeedbackEvent): StoredEvent {
  return {
    eventId: e.eventId,
    userId: e.userId,
    itemId: e.itemId,
    type: e.type,
    value: e.value ?? null,
    timestamp: e.timestamp,
    scores: e.scores ?? null,
  };
}

export const feedbackRoute = new OpenAPIHono<AppEnv>({ defaultHook: rejectInvalid }).openapi(route, async (c) => {
  const { events } = c.req.valid("json");
  const cat = await catalog();
  const warnings: string[] = [];
  // An unknown item would skew the centre's item scores and can never be recommended, so it is reported, not stored.
  const known = events.filter((e, i) => {
    if (cat.byId.has(e.itemId)) return true;
    warnings.push(`events.${i} (${e.eventId}): item ${e.itemId} is not in the catalog; not stored`);
    return false;
  });
  const location = locationOf(c.req.raw);
  let result = { accepted: 0, duplicates: 0 };
  if (known.length > 0) {
    // Registered before the write: a location must be known to the round before any event it acknowledges could need it.
    await registerLocation(c.env.CACHE, location);
    result = await c.env.FEEDBACK.get(c.env.FEEDBACK.idFromName(location)).record(known.map(stored));
  }
  c.header("Cache-Control", "no-store");
  return c.json({ accepted: result.accepted, duplicates: result.duplicates, warnings, location }, 200);
});
