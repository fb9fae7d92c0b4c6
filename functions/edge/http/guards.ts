import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { ApiError } from "../../lib/errors.ts";
import type { AppEnv } from "./types.ts";

export const MAX_BODY_BYTES = 64 * 1024;

export const limitBody: MiddlewareHandler<AppEnv> = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new ApiError(413, "payload_too_large", `Request body exceeds ${MAX_BODY_BYTES} bytes`);
  },
});

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;

// Without this, a form or text body would reach the validator as an empty object and fail with a misleading message.
export const requireJson: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.method === "POST" || c.req.method === "PUT") {
    const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim() ?? "";
    if (!JSON_TYPE.test(type)) {
      throw new ApiError(415, "unsupported_media_type", "Send the body as application/json");
    }
  }
  await next();
};

/**
 * Tags every response with its request id (in logs too) and the time the worker spent on it. Workers clocks advance only
 * across I/O, so Server-Timing covers the awaited work (fusion, storage), not pure CPU between awaits.
 */
export const requestId: MiddlewareHandler<AppEnv> = async (c, next) => {
  const started = Date.now();
  const id = c.req.header("cf-ray") ?? crypto.randomUUID();
  c.set("requestId", id);
  await next();
  c.header("x-request-id", id);
  c.header("Server-Timing", `edge;dur=${Date.now() - started}`);
};
