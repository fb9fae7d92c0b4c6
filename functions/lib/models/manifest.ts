import { z } from "zod";

// The part of models/<id>/manifest.json the runtime relies on; everything else (training, metrics) passes through untouched.
const TensorSpec = z.object({
  name: z.string().min(1),
  dtype: z.enum(["int64", "int32", "float32"]),
  shape: z.array(z.union([z.string(), z.number().int()])),
});

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, "sha256 must be 64 lowercase hex digits");

const Common = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
  version: z.string().regex(/^\d+\.\d+\.\d+(?:[-+][\w.-]+)?$/, "version must be semver"),
  dims: z.number().int().min(1).max(4096),
  normalize: z.boolean(),
  inputs: z.array(TensorSpec).min(1),
  outputs: z.array(TensorSpec).min(1),
  files: z.array(z.object({ name: z.string().min(1), sha256: Sha256, bytes: z.number().int().nonnegative() })).min(1),
});

export const TextManifest = Common.extend({
  kind: z.literal("text"),
  pooling: z.enum(["mean", "cls"]),
  maxLength: z.number().int().min(2).max(512),
  probe: z.object({ input: z.string(), output: z.array(z.number()), tolerance: z.number().positive() }),
}).loose();

export const ItemManifest = Common.extend({
  kind: z.literal("item"),
  pooling: z.literal("weighted-mean"),
  probe: z.object({
    input: z.array(z.number().int().nonnegative()),
    output: z.array(z.array(z.number())),
    tolerance: z.number().positive(),
  }),
}).loose();

export const ModelManifest = z.discriminatedUnion("kind", [TextManifest, ItemManifest]);

export type TextManifest = z.infer<typeof TextManifest>;
export type ItemManifest = z.infer<typeof ItemManifest>;
export type ModelManifest = z.infer<typeof ModelManifest>;

export function fileDigest(manifest: ModelManifest, name: string): string {
  const file = manifest.files.find((f) => f.name === name);
  if (!file) throw new Error(`${manifest.id}@${manifest.version}: manifest lists no ${name}`);
  return file.sha256;
}
