import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { app } from "../../functions/edge/app.ts";

// Property: whatever a client sends, every route answers without a 5xx, every error has the documented shape,
// and the worker keeps serving afterwards.
const routes = [...new Set(app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`))].map((r) => {
  const [method = "GET", path = "/"] = r.split(" ");
  return { method, path };
});

const segment = fc.oneof(fc.constantFrom("1", "0", "-1", "abc", "99999999999", "%00", "..", "1.5"), fc.string({ maxLength: 12 }));
const body = fc.oneof(
  fc.json({ maxDepth: 3 }),
  fc.string({ maxLength: 200 }),
  fc.constantFrom("", "{", "[]", "null", '{"texts":[]}', '{"query":""}', '{"history":[{"id":1e400}]}', '{"events":[{}]}'),
);
const contentType = fc.constantFrom(
  "application/json",
  "text/plain",
  "application/x-www-form-urlencoded",
  "",
  "application/json; charset=utf-8",
);
const query = fc.dictionary(fc.constantFrom("k", "q", "x", "id"), fc.string({ maxLength: 8 }), { maxKeys: 3 });

async function send(method: string, url: string, headers: Record<string, string>, payload: string | undefined) {
  const ctx = createExecutionContext();
  const init: RequestInit = { method, headers, ...(payload !== undefined && method !== "GET" ? { body: payload } : {}) };
  const res = await app.fetch(new Request(url, init), env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

describe("every route under arbitrary input", () => {
  it.each(routes)("$method $path never answers 5xx and always in the error shape", async ({ method, path }) => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(segment, { minLength: 3, maxLength: 3 }),
        body,
        contentType,
        query,
        fc.boolean(),
        async (segs, payload, type, q, token) => {
          n += 1;
          let i = 0;
          const concrete = path.replace(/:\w+/g, () => encodeURIComponent(segs[i++] ?? "x"));
          const url = `http://edge${concrete}?${new URLSearchParams(q)}`;
          const headers: Record<string, string> = { "cf-connecting-ip": `198.51.100.${n % 250}` };
          if (type) headers["content-type"] = type;
          if (token) headers.authorization = "Bearer test-admin-token";
          const res = await send(method, url, headers, payload);
          expect(res.status, `${method} ${url} ${payload}`).toBeLessThan(500);
          if (res.status >= 400) {
            const json = await res.json<{ error: { code: string; message: string } }>();
            expect(typeof json.error.code).toBe("string");
            expect(typeof json.error.message).toBe("string");
          } else await res.arrayBuffer();
        },
      ),
      { numRuns: 40, seed: 20261204 },
    );
    const alive = await send("GET", "http://edge/healthz", {}, undefined);
    expect(alive.status).toBe(200);
  });
});

describe("POST /v1/recommend under arbitrary but well-formed requests", () => {
  const id = fc.oneof(fc.integer({ min: 1, max: 200_000 }), fc.constantFrom(1, 2, 296, 318, 2571, 999999999));
  const request = fc.record(
    {
      query: fc.string({ minLength: 0, maxLength: 60 }),
      history: fc.array(fc.record({ id, rating: fc.option(fc.double({ min: 0.5, max: 5, noNaN: true }), { nil: undefined }) }), {
        maxLength: 8,
      }),
      k: fc.integer({ min: 1, max: 100 }),
      exclude: fc.array(id, { maxLength: 5 }),
      diversity: fc.double({ min: 0, max: 1, noNaN: true }),
      strategy: fc.constantFrom("weighted", "rrf", "vote", "stacked"),
      weights: fc.dictionary(
        fc.constantFrom("query", "content", "collab", "popularity", "nope"),
        fc.double({ min: 0, max: 10, noNaN: true }),
        { maxKeys: 3 },
      ),
      filters: fc.record({
        genres: fc.record({ any: fc.array(fc.constantFrom("Comedy", "Drama", "Animation", "Nope"), { maxLength: 2 }) }),
      }),
      explain: fc.boolean(),
    },
    { requiredKeys: [] },
  );
  it("answers 200 with at most k finite-scored items, or a JSON 4xx; never 5xx", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(request, async (req) => {
        n += 1;
        const headers = { "content-type": "application/json", "cf-connecting-ip": `192.0.2.${n % 250}` };
        const res = await send("POST", "http://edge/v1/recommend", headers, JSON.stringify(req));
        expect(res.status, JSON.stringify(req)).toBeLessThan(500);
        const json = await res.json<{ items?: { score: number }[]; error?: { code: string } }>();
        if (res.status === 200) {
          expect(json.items?.length ?? 0).toBeLessThanOrEqual(req.k ?? 10);
          for (const item of json.items ?? []) expect(Number.isFinite(item.score)).toBe(true);
        } else expect(typeof json.error?.code).toBe("string");
      }),
      { numRuns: 60, seed: 7 },
    );
  });
});
