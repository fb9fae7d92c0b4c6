import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { ApiError, errorBody } from "../../lib/errors.ts";
import type { AppEnv } from "./types.ts";

const CODES: Record<number, string> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  413: "payload_too_large",
  415: "unsupported_media_type",
  429: "rate_limited",
};

// Known failures keep their status and say what went wrong; anything else is a bug: logged with the request id, answered with a bare 500.
export function onError(err: Error, c: Context<AppEnv>): Response {
  if (err instanceof ApiError) return c.json(err.body(), err.status, err.headers);
  if (err instanceof HTTPException && err.status < 500) {
    const status = err.status;
    return c.json(errorBody(CODES[status] ?? "bad_request", err.message || "Bad request"), status);
  }
  console.error(JSON.stringify({ level: "error", requestId: c.get("requestId"), message: err.message, stack: err.stack }));
  return c.json(errorBody("internal", "Internal error"), 500);
}
