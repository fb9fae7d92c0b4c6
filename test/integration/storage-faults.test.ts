import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { app } from "../../functions/edge/app.ts";

// Storage that answers every call with an error, standing in for a KV or R2 outage; everything else is the real binding.
function failing<T extends object>(real: T, what: string): T {
  return new Proxy(real, {
    get: (target, prop) =>
      typeof Reflect.get(target, prop) === "function" ? () => Promise.reject(new Error(`${what} is down`)) : Reflect.get(target, prop),
  });
}

async function call(path: string, body: unknown, bindings: Partial<typeof env>) {
  const ctx = createExecutionContext();
  const req = new Request(`http://edge${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const res = await app.fetch(req, { ...env, ...bindings }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

describe("storage outages", () => {
  it("with KV and R2 both failing, the edge serves the bundled models and builds its index in memory", async () => {
    const outage = { CACHE: failing(env.CACHE, "KV"), MODELS: failing(env.MODELS, "R2") };
    const res = await call("/v1/recommend", { query: "animated children adventure", k: 5 }, outage);
    expect(res.status).toBe(200);
    const body = await res.json<{ items: unknown[]; models: Record<string, string> }>();
    expect(body.items).toHaveLength(5);
    expect(Object.keys(body.models)).toEqual(expect.arrayContaining(["movielens-text", "movielens-cf"]));
    const embed = await call("/v1/embed", { texts: ["still up"] }, outage);
    expect(embed.status).toBe(200);
  });
});
