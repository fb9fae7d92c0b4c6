import type { MiddlewareHandler } from "hono";
import { sha256Hex } from "../../lib/digest.ts";
import { ApiError } from "../../lib/errors.ts";
import { secretMatches } from "./auth.ts";
import type { AppEnv } from "./types.ts";

/** The rate limiter's window (wrangler.toml [[ratelimits]] period); a throttled client is told to come back after it. */
export const RATE_PERIOD_S = 60;

function presentedKey(authorization: string | undefined, apiKey: string | undefined): string | undefined {
  const bearer = /^Bearer[ ]+(\S+)[ ]*$/i.exec(authorization ?? "")?.[1];
  return bearer ?? (apiKey?.trim() || undefined);
}

/**
 * Public routes: optional API keys, then a per-client rate limit. API_KEYS (a Workers secret) lists the sha256 hex digests of
 * the accepted keys, comma-separated; unset (local dev) means open. A client is its key when keys are on, else its IP.
 * Admin routes have their own token and skip this.
 */
export const clientAccess: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.path.startsWith("/v1/admin/")) return next();
  let client = `ip:${c.req.header("cf-connecting-ip") ?? "local"}`;
  // An optional secret: `wrangler types` only types required ones, so it is read through this one narrow view.
  const configured = (c.env as { API_KEYS?: string }).API_KEYS;
  const accepted = (configured ?? "")
    .split(",")
    .map((k) => k.trim().toLowerCase())
    .filter(Boolean);
  if (accepted.length > 0) {
    const key = presentedKey(c.req.header("authorization"), c.req.header("x-api-key"));
    if (!key)
      throw new ApiError(401, "unauthorized", "Send an API key as Authorization: Bearer <key> or x-api-key", undefined, {
        "WWW-Authenticate": 'Bearer realm="edgefuse"',
      });
    const digest = await sha256Hex(new TextEncoder().encode(key));
    let ok = false;
    // Every accepted digest is compared, so the time taken does not say which one matched.
    for (const candidate of accepted) ok = (await secretMatches(digest, candidate)) || ok;
    if (!ok) throw new ApiError(401, "unauthorized", "Unknown API key", undefined, { "WWW-Authenticate": 'Bearer realm="edgefuse"' });
    client = `key:${digest.slice(0, 16)}`;
  }
  const { success } = await c.env.RATE_LIMITER.limit({ key: client });
  if (!success) {
    throw new ApiError(429, "rate_limited", `Too many requests; retry after ${RATE_PERIOD_S} s`, undefined, {
      "Retry-After": String(RATE_PERIOD_S),
    });
  }
  await next();
};
