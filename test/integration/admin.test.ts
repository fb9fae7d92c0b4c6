import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { DEFAULT_PROFILE_CONFIG } from "../../functions/fusion/profile-rules.ts";
import { recommend } from "./helpers.ts";

const TOKEN = "test-admin-token"; // vitest.config.ts sets ADMIN_TOKEN to this
const BASE = "http://edge/v1/admin/profiles";

function admin(path: string, init: RequestInit & { token?: string | null } = {}): Promise<Response> {
  const { token = TOKEN, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (token !== null) headers.set("authorization", `Bearer ${token}`);
  if (rest.body !== undefined) headers.set("content-type", "application/json");
  return SELF.fetch(`${BASE}${path}`, { ...rest, headers });
}

interface ProfileBody {
  profile: { name: string; version: number; weights: Record<string, number>; strategy?: string };
  versions?: number[];
}

describe("admin: authentication", () => {
  it.each([
    ["no token", null],
    ["a wrong token", "test-admin-tokem"],
    ["a shorter token", "x"],
    ["a longer token", `${TOKEN}-and-more`],
  ])("refuses %s with 401 and WWW-Authenticate: Bearer", async (_, token) => {
    const res = await admin("/default", { token });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(await res.json()).toMatchObject({ error: { code: "unauthorized" } });
  });

  it("refuses a non-bearer scheme", async () => {
    const res = await SELF.fetch(`${BASE}/default`, { headers: { authorization: `Basic ${btoa(`admin:${TOKEN}`)}` } });
    expect(res.status).toBe(401);
  });

  it("refuses an unauthenticated edit too", async () => {
    const res = await admin("/default", { token: null, method: "PUT", body: JSON.stringify({ weights: { query: 1 } }) });
    expect(res.status).toBe(401);
  });
});

describe("admin: weight profiles", () => {
  it("edits make new versions, steer fusion, and roll back", async () => {
    const start = await admin("/default");
    expect(start.status).toBe(200);
    const initial = await start.json<ProfileBody>();
    expect(initial.profile).toMatchObject({ name: "default", version: 0, weights: DEFAULT_PROFILE_CONFIG.weights });

    const put = await admin("/default", {
      method: "PUT",
      body: JSON.stringify({ weights: { query: 1, popularity: 3, trending: 0, rating: 0 } }),
    });
    expect(put.status).toBe(200);
    expect((await put.json<ProfileBody>()).profile.version).toBe(1);
    const steered = await recommend({ query: "animated children adventure", k: 3 });
    expect(steered.weights.popularity).toBeCloseTo(0.75, 9);
    expect(steered.weights.trending).toBe(0);

    const second = await admin("/default", { method: "PUT", body: JSON.stringify({ weights: { query: 2 }, strategy: "rrf" }) });
    expect((await second.json<ProfileBody>()).profile).toMatchObject({ version: 2, strategy: "rrf" });
    expect((await recommend({ query: "heist", k: 3 })).strategy).toBe("rrf");
    // The request's own choices override the profile's.
    expect((await recommend({ query: "heist", k: 3, strategy: "vote" })).strategy).toBe("vote");

    const back = await admin("/default/rollback", { method: "POST", body: JSON.stringify({ version: 1 }) });
    expect(back.status).toBe(200);
    expect((await back.json<ProfileBody>()).profile.version).toBe(1);
    const read = await (await admin("/default")).json<ProfileBody>();
    expect(read.profile.version).toBe(1);
    expect(read.versions).toEqual([0, 1, 2]);
    expect((await recommend({ query: "heist", k: 3 })).strategy).toBe("weighted");

    const toDefault = await admin("/default/rollback", { method: "POST", body: JSON.stringify({ version: 0 }) });
    expect((await toDefault.json<ProfileBody>()).profile.weights).toEqual(initial.profile.weights);
  });

  it.each([
    ["an unknown source", { weights: { magic: 1 } }, "invalid_profile"],
    ["all-zero weights", { weights: { query: 0, collab: 0 } }, "invalid_profile"],
    ["a negative weight", { weights: { query: -1 } }, "invalid_request"],
    ["an unknown strategy", { weights: { query: 1 }, strategy: "magic" }, "invalid_request"],
    ["an unknown field", { weights: { query: 1 }, extra: true }, "invalid_request"],
  ])("rejects %s with a JSON 400 and stores nothing", async (_, body, code) => {
    const res = await admin("/rejects", { method: "PUT", body: JSON.stringify(body) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code } });
    expect((await (await admin("/rejects")).json<ProfileBody>()).versions).toEqual([0]);
  });

  it("rolling back to a version that does not exist is a 404; a bad name is a 400", async () => {
    const res = await admin("/default/rollback", { method: "POST", body: JSON.stringify({ version: 99 }) });
    expect(res.status).toBe(404);
    expect((await admin("/Not_A_Name")).status).toBe(400);
  });

  it("lists the admin routes in the OpenAPI document with bearer security", async () => {
    const doc = await (await SELF.fetch("http://edge/openapi.json")).json<{
      paths: Record<string, unknown>;
      components: { securitySchemes?: Record<string, unknown> };
    }>();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/v1/admin/profiles/{name}", "/v1/admin/profiles/{name}/rollback"]));
    expect(doc.components.securitySchemes?.adminBearer).toEqual({ type: "http", scheme: "bearer" });
  });
});
