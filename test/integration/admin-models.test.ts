import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ACTIVE_KEY, REGISTRY_KEY } from "../../functions/edge/models/registry.ts";

const TOKEN = "test-admin-token";
const admin = (path: string, init: RequestInit = {}, token = TOKEN) =>
  SELF.fetch(`http://edge/v1/admin/models${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...(init.headers ?? {}) },
  });

describe("model admin routes", () => {
  it("need the admin token", async () => {
    expect((await SELF.fetch("http://edge/v1/admin/models")).status).toBe(401);
    const wrong = await admin("", {}, "not-the-token");
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });

  it("report the active set and the last refresh", async () => {
    const res = await admin("");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ lastRefresh: expect.any(String), outcome: expect.any(String) });
  });

  it("refuse to pin a set that is not in the registry, and leave the pointer alone", async () => {
    await env.MODELS.delete(ACTIVE_KEY);
    await env.MODELS.delete(REGISTRY_KEY);
    const body = { text: { id: "movielens-text", version: "9.9.9" }, item: { id: "movielens-cf", version: "9.9.9" } };
    const res = await admin("/pin", { method: "POST", body: JSON.stringify(body) });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({
      error: { code: "model_set_rejected", message: expect.stringMatching(/not in the registry/) },
    });
    expect(await env.MODELS.get(ACTIVE_KEY)).toBeNull();
    const bad = await admin("/pin", { method: "POST", body: JSON.stringify({ text: { id: "Bad Id", version: "1" } }) });
    expect(bad.status).toBe(400);
  });
});

describe("admin authentication order", () => {
  it("refuses an anonymous caller before looking at the body or its type", async () => {
    const res = await SELF.fetch("http://edge/v1/admin/profiles/default", {
      method: "PUT",
      headers: { "content-type": "text/plain" },
      body: "x",
    });
    expect(res.status).toBe(401);
  });
});
