import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";

describe("health", () => {
  it("healthz says the process is up", async () => {
    const res = await SELF.fetch("http://edge/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("readyz loads the models and reaches the real fusion worker", async () => {
    const res = await SELF.fetch("http://edge/readyz");
    const body = await res.json<{ status: string; models: Record<string, string>; fusion: string }>();
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.status).toBe("ready");
    expect(Object.keys(body.models)).toEqual(expect.arrayContaining(["movielens-text", "movielens-cf"]));
  });

  it("the fusion worker answers over the service binding and has no HTTP surface", async () => {
    expect(await env.FUSION.ping()).toEqual({ ok: true, version: expect.any(String) });
    const res = await env.FUSION.fetch("http://fusion/anything");
    expect(res.status).toBe(404);
  });

  it("unknown routes are JSON 404 and wrong methods are JSON 405 with Allow", async () => {
    const missing = await SELF.fetch("http://edge/nope");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: "not_found" } });
    const wrong = await SELF.fetch("http://edge/v1/embed");
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("POST");
    expect(await wrong.json()).toMatchObject({ error: { code: "method_not_allowed" } });
  });
});
