// What this isolate holds outside the JS heap, which workerd does not let a worker read: ORT's wasm memory and the indexes.
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { IsolateMemory } from "../../lib/contracts/admin.ts";
import { ErrorResponse, json } from "../../lib/contracts/common.ts";
import type { Int8Index } from "../../lib/index/index.ts";
import { onnxWasmBytes } from "../../lib/onnx/runtime.ts";
import { catalogIndexes } from "../catalog/indexes.ts";
import { modelsFor } from "../http/models.ts";
import type { AppEnv } from "../http/types.ts";
import { rejectInvalid } from "../http/validation.ts";

const memoryRoute = createRoute({
  method: "get",
  path: "/v1/admin/memory",
  summary: "Memory this isolate holds in wasm and typed arrays (models and indexes loaded first)",
  security: [{ bearer: [] }],
  responses: { 200: json(IsolateMemory, "Bytes by holder"), 401: json(ErrorResponse, "Missing or wrong admin token") },
});

const of = (index: Int8Index) => ({ items: index.size, dims: index.dims, bytes: index.bytes });

export const adminMemory = new OpenAPIHono<AppEnv>({ defaultHook: rejectInvalid });
adminMemory.openapi(memoryRoute, async (c) => {
  const indexes = await catalogIndexes(c.env, await modelsFor(c));
  const body = { onnxWasmBytes: onnxWasmBytes(), indexes: { text: of(indexes.text), item: of(indexes.item) } };
  return c.json(
    {
      ...body,
      totalBytes: body.onnxWasmBytes + body.indexes.text.bytes + body.indexes.item.bytes,
      notCounted: "the JS heap (catalog, tokenizer, maps); read it with the inspector's Runtime.getHeapUsage, as npm run bench does",
    },
    200,
  );
});
