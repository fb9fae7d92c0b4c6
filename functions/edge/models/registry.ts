import { z } from "zod";
import { sha256Hex } from "../../lib/digest.ts";
import { ModelManifest } from "../../lib/models/manifest.ts";
import type { ModelFiles } from "./load.ts";

// R2 layout (strongly consistent, so a pointer write is seen by the next read anywhere):
//   models/<id>/<version>/<file>   every file of every published version, manifest.json included
//   registry.json                  what has been published: the newest version of each model kind
//   active.json                    the versions edges serve; written only after a refresh verified them
export const REGISTRY_KEY = "registry.json";
export const ACTIVE_KEY = "active.json";
export const fileKey = (id: string, version: string, name: string) => `models/${id}/${version}/${name}`;

const ModelRef = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
  version: z.string().regex(/^\d+\.\d+\.\d+(?:[-+][\w.-]+)?$/),
});
export const SetRef = z.object({ text: ModelRef, item: ModelRef });
export type ModelRef = z.infer<typeof ModelRef>;
export type SetRef = z.infer<typeof SetRef>;

export const Registry = z.object({ published: SetRef, publishedAt: z.string() });
export const Active = z.object({ set: SetRef, activatedAt: z.string(), pinned: z.boolean().default(false) });
export type Active = z.infer<typeof Active>;

export const setKey = (ref: SetRef) => `${ref.text.id}@${ref.text.version}+${ref.item.id}@${ref.item.version}`;

async function readJson<T>(bucket: R2Bucket, key: string, schema: z.ZodType<T>): Promise<T | undefined> {
  const object = await bucket.get(key);
  if (!object) return undefined;
  const parsed = schema.safeParse(await object.json().catch(() => undefined));
  if (!parsed.success) throw new Error(`${key} is malformed: ${parsed.error.issues[0]?.message ?? "unreadable"}`);
  return parsed.data;
}

export const readRegistry = (bucket: R2Bucket) => readJson(bucket, REGISTRY_KEY, Registry);
export const readActive = (bucket: R2Bucket) => readJson(bucket, ACTIVE_KEY, Active);

export async function writeActive(bucket: R2Bucket, set: SetRef, pinned: boolean): Promise<Active> {
  const active: Active = { set, activatedAt: new Date().toISOString(), pinned };
  await bucket.put(ACTIVE_KEY, JSON.stringify(active), { httpMetadata: { contentType: "application/json" } });
  return active;
}

/** One model version's files, each checked against the sha256 its manifest lists; any mismatch rejects the whole version. */
async function fetchVersion(bucket: R2Bucket, ref: ModelRef): Promise<{ manifest: ModelManifest; files: Map<string, Uint8Array> }> {
  const label = `${ref.id}@${ref.version}`;
  const manifestObject = await bucket.get(fileKey(ref.id, ref.version, "manifest.json"));
  if (!manifestObject) throw new Error(`${label}: manifest.json is not in the registry`);
  const parsed = ModelManifest.safeParse(await manifestObject.json().catch(() => undefined));
  if (!parsed.success) throw new Error(`${label}: manifest.json is invalid: ${parsed.error.issues[0]?.message ?? "unreadable"}`);
  const manifest = parsed.data;
  if (manifest.id !== ref.id || manifest.version !== ref.version) {
    throw new Error(`${label}: manifest names ${manifest.id}@${manifest.version}`);
  }
  const files = new Map<string, Uint8Array>();
  for (const file of manifest.files) {
    const object = await bucket.get(fileKey(ref.id, ref.version, file.name));
    if (!object) throw new Error(`${label}: ${file.name} is missing`);
    const bytes = new Uint8Array(await object.arrayBuffer());
    const actual = await sha256Hex(bytes);
    if (actual !== file.sha256)
      throw new Error(`${label}: ${file.name} sha256 ${actual.slice(0, 12)}… does not match the manifest's ${file.sha256.slice(0, 12)}…`);
    files.set(file.name, bytes);
  }
  return { manifest, files };
}

function need(files: Map<string, Uint8Array>, name: string, label: string): Uint8Array {
  const bytes = files.get(name);
  if (!bytes) throw new Error(`${label}: the manifest lists no ${name}`);
  return bytes;
}

const decodeJson = (bytes: Uint8Array): unknown => JSON.parse(new TextDecoder().decode(bytes));

/** Downloads and verifies a whole set; the caller still has to load and probe it before it may serve. */
export async function fetchSet(bucket: R2Bucket, ref: SetRef): Promise<ModelFiles> {
  const [text, item] = await Promise.all([fetchVersion(bucket, ref.text), fetchVersion(bucket, ref.item)]);
  const t = `${ref.text.id}@${ref.text.version}`;
  const i = `${ref.item.id}@${ref.item.version}`;
  return {
    text: {
      manifest: text.manifest,
      model: need(text.files, "model.onnx", t),
      tokenizer: decodeJson(need(text.files, "tokenizer.json", t)),
    },
    item: { manifest: item.manifest, model: need(item.files, "model.onnx", i), items: decodeJson(need(item.files, "items.json", i)) },
  };
}
