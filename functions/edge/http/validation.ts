import type { Hook } from "@hono/zod-openapi";
import { ApiError } from "../../lib/errors.ts";
import type { AppEnv } from "./types.ts";

// The one validation hook: a failed parse becomes a 400 in the documented error shape, never the raw zod result.
export const rejectInvalid: Hook<unknown, AppEnv, string, unknown> = (result) => {
  if (result.success) return;
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join(".") || "(body)",
    message: issue.message,
  }));
  throw new ApiError(400, "invalid_request", `Invalid ${result.target}: ${issues[0]?.path} ${issues[0]?.message}`, issues);
};
