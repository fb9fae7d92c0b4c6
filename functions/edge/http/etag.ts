import type { Context } from "hono";
import type { AppEnv } from "./types.ts";

/** Shared caches may keep public GET answers this long; the ETag makes revalidation cheap once it expires. */
export const PUBLIC_MAX_AGE = 300;

// FNV-1a: a cache validator, not a security boundary.
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

/**
 * Marks a public GET answer cacheable under an ETag derived from everything it depends on (model versions, catalog digest,
 * the request itself). Returns a 304 when the client already holds that version, otherwise undefined.
 */
export function conditional(c: Context<AppEnv>, dependsOn: readonly string[]): Response | undefined {
  const etag = `W/"${fnv1a(dependsOn.join("|"))}"`;
  c.header("ETag", etag);
  c.header("Cache-Control", `public, max-age=${PUBLIC_MAX_AGE}`);
  const held = c.req.header("if-none-match");
  if (held && held.split(",").some((t) => t.trim() === etag || t.trim() === "*")) {
    return c.body(null, 304);
  }
  return undefined;
}
