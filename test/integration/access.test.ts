import { createExecutionContext, env, SELF, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { app } from "../../functions/edge/app.ts";

async function sha256Hex(text: string): Promise<string> {
  const d = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(d), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The real app with the real bindings, but one secret changed, as `wrangler secret put` would. */
async function withSecrets(secrets: Record<string, string>, path: string, headers: Record<string, string> = {}) {
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(`http://edge${path}`, { headers }), { ...env, ...secrets }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

describe("API keys (optional, off in local dev)", () => {
  it("are not required when API_KEYS is unset", async () => {
    expect((await SELF.fetch("http://edge/v1/items/1")).status).toBe(200);
  });

  it("are required and checked when API_KEYS lists key digests", async () => {
    const secrets = { API_KEYS: `${await sha256Hex("other-key")}, ${await sha256Hex("k-123")}` };
    const missing = await withSecrets(secrets, "/v1/items/1");
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await withSecrets(secrets, "/v1/items/1", { authorization: "Bearer wrong" })).status).toBe(401);
    expect((await withSecrets(secrets, "/v1/items/1", { authorization: "Bearer k-123" })).status).toBe(200);
    expect((await withSecrets(secrets, "/v1/items/1", { "x-api-key": "k-123" })).status).toBe(200);
    // Health probes stay open for load balancers.
    expect((await withSecrets(secrets, "/healthz")).status).toBe(200);
  });
});

describe("rate limiting (Workers rate-limit binding, per client)", () => {
  it("answers 429 with Retry-After once a client exceeds its budget, without touching other clients", async () => {
    // Straight into the app with the real bindings: SELF.fetch would run into the per-request subrequest cap first.
    const as = (ip: string) => withSecrets({}, "/v1/items/1", { "cf-connecting-ip": ip });
    let limited: Response | undefined;
    let served = 0;
    for (let i = 0; i < 1300 && !limited; i++) {
      const res = await as("203.0.113.7");
      if (res.status === 429) limited = res;
      else served += (await res.arrayBuffer()) && 1;
    }
    // wrangler.toml allows 1200 a minute per client.
    expect(served).toBe(1200);
    expect(limited?.status).toBe(429);
    expect(Number(limited?.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited?.json()).toMatchObject({ error: { code: "rate_limited" } });
    expect((await as("203.0.113.8")).status).toBe(200);
  });
});

describe("cross-origin clients", () => {
  it("get a CORS preflight answer and the headers they need to read", async () => {
    const pre = await SELF.fetch("http://edge/v1/recommend", {
      method: "OPTIONS",
      headers: { origin: "https://app.example", "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe("*");
    const res = await SELF.fetch("http://edge/v1/items/1", { headers: { origin: "https://app.example" } });
    expect(res.headers.get("access-control-expose-headers")).toMatch(/etag/i);
    expect(res.headers.get("server-timing")).toMatch(/^edge;dur=\d+$/);
  });
});
