import type { Context, Hono } from "hono";
import { errorBody } from "../../lib/errors.ts";
import type { AppEnv } from "./types.ts";

function pattern(path: string): RegExp {
  const body = path
    .replace(/[.+?^${}()|[\]\\]/g, "\\$&")
    .replace(/:[A-Za-z_]\w*/g, "[^/]+")
    .replace(/\*/g, ".*");
  return new RegExp(`^${body}/?$`);
}

// Hono answers an unmatched method with 404; clients deserve 405 and the methods that would work.
export function notFound(app: Hono<AppEnv>) {
  return (c: Context<AppEnv>): Response => {
    const allowed = new Set<string>();
    for (const route of app.routes) {
      if (route.method !== "ALL" && pattern(route.path).test(c.req.path)) allowed.add(route.method);
    }
    if (allowed.size > 0 && !allowed.has(c.req.method)) {
      const allow = [...allowed].sort().join(", ");
      return c.json(errorBody("method_not_allowed", `${c.req.method} is not allowed here; use ${allow}`), 405, { Allow: allow });
    }
    return c.json(errorBody("not_found", `No route for ${c.req.method} ${c.req.path}`), 404);
  };
}
