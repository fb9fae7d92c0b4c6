import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import manifest from "../../models/movielens-text/manifest.json";

const post = (body: BodyInit, type = "application/json") =>
  SELF.fetch("http://edge/v1/embed", { method: "POST", headers: { "content-type": type }, body });

describe("POST /v1/embed", () => {
  it("embeds in workerd exactly as onnxruntime-web does in Node (the manifest's probe)", async () => {
    const res = await post(JSON.stringify({ texts: [manifest.probe.input, "animated children adventure"] }));
    expect(res.status).toBe(200);
    const body = await res.json<{ model: string; dims: number; vectors: number[][] }>();
    expect(body.model).toBe(manifest.id);
    expect(body.dims).toBe(manifest.dims);
    expect(body.vectors).toHaveLength(2);
    const [probe, other] = body.vectors;
    expect(probe).toHaveLength(manifest.dims);
    const worst = Math.max(...(probe ?? []).map((x, i) => Math.abs(x - (manifest.probe.output[i] ?? Number.NaN))));
    expect(worst).toBeLessThanOrEqual(1e-5);
    const norm = Math.hypot(...(other ?? []));
    expect(norm).toBeCloseTo(1, 5);
  });

  const bad: [string, BodyInit, string, number][] = [
    ["not JSON", "{texts:", "application/json", 400],
    ["a wrong content type", JSON.stringify({ texts: ["a"] }), "text/plain", 415],
    ["an empty list", JSON.stringify({ texts: [] }), "application/json", 400],
    ["10,000 texts", JSON.stringify({ texts: Array(10_000).fill("a") }), "application/json", 400],
    ["a 1 MB string", JSON.stringify({ texts: ["x".repeat(1 << 20)] }), "application/json", 413],
    ["wrong types", JSON.stringify({ texts: [1, null] }), "application/json", 400],
    ["no texts field", JSON.stringify({ text: "a" }), "application/json", 400],
    ["an array body", JSON.stringify(["a"]), "application/json", 400],
  ];
  it.each(bad)("rejects %s with a JSON 4xx", async (_, body, type, status) => {
    const res = await post(body, type);
    expect(res.status).toBe(status);
    const json = await res.json<{ error: { code: string; message: string } }>();
    expect(json.error.code).toEqual(expect.any(String));
    expect(json.error.message).toEqual(expect.any(String));
  });
});
