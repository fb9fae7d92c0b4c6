import type { MiddlewareHandler } from "hono";
import { ApiError } from "../../lib/errors.ts";
import type { AppEnv } from "./types.ts";

const encoder = new TextEncoder();

async function sha256(text: string): Promise<ArrayBuffer> {
  return crypto.subtle.digest("SHA-256", encoder.encode(text));
}

/**
 * Constant-time comparison of a presented secret with the expected one. Both are hashed first, so the compared buffers
 * always have equal length (timingSafeEqual throws otherwise) and the time taken says nothing about the secret's length.
 */
export async function secretMatches(presented: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([sha256(presented), sha256(expected)]);
  return crypto.subtle.timingSafeEqual(a, b);
}

function unauthorized(message: string): ApiError {
  return new ApiError(401, "unauthorized", message, undefined, { "WWW-Authenticate": 'Bearer realm="edgefuse-admin"' });
}

/**
 * Admin routes: `Authorization: Bearer <ADMIN_TOKEN>`, the token being a Workers secret. Unset or empty secret = every
 * request refused (fail closed), logged so an operator sees why.
 */
export const requireAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
  const expected = c.env.ADMIN_TOKEN;
  const match = /^Bearer[ ]+(\S+)[ ]*$/i.exec(c.req.header("authorization") ?? "");
  if (!match?.[1]) throw unauthorized("Send Authorization: Bearer <admin token>");
  if (typeof expected !== "string" || expected.length === 0) {
    console.warn(
      JSON.stringify({ level: "warn", requestId: c.get("requestId"), message: "ADMIN_TOKEN is not set; admin routes refuse everyone" }),
    );
    throw unauthorized("Invalid admin token");
  }
  if (!(await secretMatches(match[1], expected))) throw unauthorized("Invalid admin token");
  await next();
};
