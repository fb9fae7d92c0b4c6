// Admin contracts a client outside the worker reads too (the bench reads the isolate's memory).
import { z } from "@hono/zod-openapi";

const IndexMemory = z.object({ items: z.number().int(), dims: z.number().int(), bytes: z.number().int() });

export const IsolateMemory = z
  .object({
    onnxWasmBytes: z.number().int().openapi({ description: "onnxruntime-web's wasm linear memory (it only grows)" }),
    indexes: z.object({ text: IndexMemory, item: IndexMemory }),
    totalBytes: z.number().int().openapi({ description: "onnxWasmBytes plus every index's bytes" }),
    notCounted: z.string(),
  })
  .openapi("IsolateMemory");
export type IsolateMemory = z.infer<typeof IsolateMemory>;
