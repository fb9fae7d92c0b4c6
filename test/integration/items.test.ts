import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Recommendation } from "./helpers.ts";

const get = (path: string, headers: Record<string, string> = {}) => SELF.fetch(`http://edge${path}`, { headers });

describe("GET /v1/items", () => {
  it("returns one item with a cache validator, and 304 when the client holds it", async () => {
    const res = await get("/v1/items/1");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: 1, title: "Toy Story", year: 1995, genres: expect.arrayContaining(["Animation"]) });
    const etag = res.headers.get("etag");
    expect(etag).toMatch(/^W\/"[0-9a-f]+"$/);
    expect(res.headers.get("cache-control")).toMatch(/public, max-age=\d+/);
    const again = await get("/v1/items/1", { "if-none-match": etag ?? "" });
    expect(again.status).toBe(304);
    const other = await get("/v1/items/2", { "if-none-match": etag ?? "" });
    expect(other.status).toBe(200);
  });

  it("answers unknown and malformed ids with JSON errors", async () => {
    const missing = await get("/v1/items/999999999");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: "item_not_found" } });
    for (const bad of ["abc", "0", "-1", "1.5", "12345678901"]) {
      const res = await get(`/v1/items/${bad}`);
      expect(res.status, bad).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: "invalid_request" } });
    }
  });

  it("more like this: similar items, fused across models, never the item itself", async () => {
    const res = await get("/v1/items/1/similar?k=8");
    expect(res.status).toBe(200);
    const body = await res.json<Recommendation & { item: { id: number } }>();
    expect(body.item.id).toBe(1);
    expect(body.items).toHaveLength(8);
    expect(body.items.map((i) => i.id)).not.toContain(1);
    expect(Object.keys(body.weights)).toEqual(expect.arrayContaining(["content", "collab"]));
    const etag = res.headers.get("etag") ?? "";
    expect((await get("/v1/items/1/similar?k=8", { "if-none-match": etag })).status).toBe(304);
    // A different k is a different answer: it must not match the same validator.
    expect((await get("/v1/items/1/similar?k=9", { "if-none-match": etag })).status).toBe(200);
  });

  it("bounds k for similar items", async () => {
    for (const k of ["0", "101", "x"]) expect((await get(`/v1/items/1/similar?k=${k}`)).status).toBe(400);
  });
});
