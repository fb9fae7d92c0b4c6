import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { IsolateMemory } from "../../functions/lib/contracts/admin.ts";

const memory = (token = "test-admin-token") => SELF.fetch("http://edge/v1/admin/memory", { headers: { authorization: `Bearer ${token}` } });

describe("GET /v1/admin/memory", () => {
  it("needs the admin token", async () => {
    expect((await SELF.fetch("http://edge/v1/admin/memory")).status).toBe(401);
    expect((await memory("not-the-token")).status).toBe(401);
  });

  it("reports ORT's wasm memory and each index's bytes once the models and indexes are loaded", async () => {
    const res = await memory();
    expect(res.status).toBe(200);
    const body = (await res.json()) as IsolateMemory;
    // The route loads the models and indexes itself; ORT's linear memory then holds at least both models.
    expect(body.onnxWasmBytes).toBeGreaterThan(1024 * 1024);
    for (const index of [body.indexes.text, body.indexes.item]) {
      expect(index.dims).toBe(64);
      expect(index.items).toBeGreaterThan(8000);
      // At least the int8 codes, one byte per item and dim.
      expect(index.bytes).toBeGreaterThanOrEqual(index.items * index.dims);
    }
    expect(body.totalBytes).toBe(body.onnxWasmBytes + body.indexes.text.bytes + body.indexes.item.bytes);
  });
});
