import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { app } from "../../functions/edge/app.ts";

describe("GET /openapi.json", () => {
  it("is an OpenAPI 3.1 document that lists every route the app serves", async () => {
    const res = await SELF.fetch("http://edge/openapi.json");
    expect(res.status).toBe(200);
    const doc = await res.json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>();
    expect(doc.openapi).toBe("3.1.0");
    const served = app.routes
      .filter((r) => r.method !== "ALL" && r.path !== "/openapi.json")
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, "{$1}")}`);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    expect(served.length).toBeGreaterThan(8);
    expect(documented.sort()).toEqual(expect.arrayContaining([...new Set(served)].sort()));
  });
});
