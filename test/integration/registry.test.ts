import { createExecutionContext, createScheduledController, env, SELF, waitOnExecutionContext } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { SCHEDULES } from "../../functions/edge/cron.ts";
import worker from "../../functions/edge/index.ts";
import { expirePointer } from "../../functions/edge/models/active.ts";
import { STATUS_KEY } from "../../functions/edge/models/refresh.ts";
import { ACTIVE_KEY, fileKey, REGISTRY_KEY } from "../../functions/edge/models/registry.ts";
import cfItems from "../../models/movielens-cf/items.json";
import cfManifest from "../../models/movielens-cf/manifest.json";
import cfModel from "../../models/movielens-cf/model.onnx";
import textManifest from "../../models/movielens-text/manifest.json";
import textModel from "../../models/movielens-text/model.onnx";
import textTokenizer from "../../models/movielens-text/tokenizer.json";

type Manifest = { id: string; version: string; files: { name: string; sha256: string; bytes: number }[]; [k: string]: unknown };

async function sha256(bytes: Uint8Array): Promise<string> {
  const d = await crypto.subtle.digest("SHA-256", bytes);
  return Array.from(new Uint8Array(d), (b) => b.toString(16).padStart(2, "0")).join("");
}

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

/**
 * How a test spoils a version: `prepare` changes files before their digests are taken (a bad export), `edit` changes the
 * manifest, `tamper` changes files after the digests were taken (a corrupt upload).
 */
interface Publish {
  prepare?: (files: Record<string, Uint8Array>) => void;
  edit?: (m: Manifest) => void;
  tamper?: (files: Record<string, Uint8Array>) => void;
}

/** Publishes one model version under the manifest's own layout. */
async function publishModel(manifest: Manifest, files: Record<string, Uint8Array>, opts: Publish & { version: string }) {
  opts.prepare?.(files);
  const m: Manifest = structuredClone(manifest);
  m.version = opts.version;
  m.files = await Promise.all(
    Object.entries(files).map(async ([name, bytes]) => ({ name, sha256: await sha256(bytes), bytes: bytes.length })),
  );
  opts.edit?.(m);
  const uploaded = { ...files };
  opts.tamper?.(uploaded);
  for (const [name, bytes] of Object.entries(uploaded)) await env.MODELS.put(fileKey(m.id, m.version, name), bytes);
  await env.MODELS.put(fileKey(m.id, m.version, "manifest.json"), encode(m));
  return { id: m.id, version: m.version };
}

const textFiles = () => ({ "model.onnx": new Uint8Array(textModel), "tokenizer.json": encode(textTokenizer) });
const itemFiles = () => ({ "model.onnx": new Uint8Array(cfModel), "items.json": encode(cfItems) });

async function publishSet(version: string, textOpts: Publish = {}) {
  const text = await publishModel(textManifest as Manifest, textFiles(), { version, ...textOpts });
  const item = await publishModel(cfManifest as Manifest, itemFiles(), { version });
  await env.MODELS.put(REGISTRY_KEY, JSON.stringify({ published: { text, item }, publishedAt: new Date().toISOString() }));
}

async function refresh() {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron: SCHEDULES.refreshModels }), env, ctx);
  await waitOnExecutionContext(ctx);
  return env.CACHE.get<{ outcome: string; lastError: { message: string } | null }>(STATUS_KEY, "json");
}

async function servedVersion(): Promise<string | undefined> {
  expirePointer();
  const res = await SELF.fetch("http://edge/v1/embed", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: '{"texts":["x"]}',
  });
  await res.json();
  // The swap happens after the response; the next request serves whatever it settled on.
  const next = await SELF.fetch("http://edge/v1/embed", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: '{"texts":["x"]}',
  });
  return (await next.json<{ version: string }>()).version;
}

describe("model registry refresh", () => {
  beforeEach(async () => {
    for (const key of [REGISTRY_KEY, ACTIVE_KEY]) await env.MODELS.delete(key);
    await servedVersion();
  });

  it("serves the bundled models while the registry is empty", async () => {
    const status = await refresh();
    expect(status?.outcome).toMatch(/registry is empty/);
    expect(await servedVersion()).toBe(textManifest.version);
  });

  it("picks up a newly published, verified version", async () => {
    await publishSet("1.1.0");
    const status = await refresh();
    expect(status?.outcome).toMatch(/activated movielens-text@1.1.0/);
    expect(await servedVersion()).toBe("1.1.0");
  });

  const spoiled: [string, Publish, RegExp][] = [
    ["a file whose sha256 does not match", { tamper: (f) => f["model.onnx"]?.set([1, 2, 3], 100) }, /sha256/],
    ["a truncated ONNX file", { prepare: (f) => Object.assign(f, { "model.onnx": f["model.onnx"]?.slice(0, 1000) }) }, /create a session/],
    ["a model whose output dims disagree with the manifest", { edit: (m) => Object.assign(m, { dims: 32 }) }, /shape/],
    ["a probe mismatch", { edit: (m) => Object.assign(m, { probe: { ...(m.probe as object), output: Array(64).fill(0.125) } }) }, /probe/],
  ];
  it.each(spoiled)("rejects %s and keeps the last good version serving", async (_, spoil, error) => {
    await publishSet("1.1.0");
    await refresh();
    await publishSet("2.0.0", spoil);
    const status = await refresh();
    expect(status?.outcome).toMatch(/refresh failed/);
    expect(status?.lastError?.message).toMatch(error);
    expect(await servedVersion()).toBe("1.1.0");
  });

  it("keeps every concurrent request on one consistent set during a swap", async () => {
    await publishSet("3.0.0");
    await refresh();
    expirePointer();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        SELF.fetch("http://edge/v1/recommend", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: '{"query":"comedy","k":3}',
        }),
      ),
    );
    const bodies = await Promise.all(responses.map((r) => r.json<{ models: Record<string, string> }>()));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    for (const body of bodies) expect(new Set(Object.values(body.models)).size).toBe(1);
    expect(await servedVersion()).toBe("3.0.0");
  });

  it("rolls back: an admin pins a previous version, the refresh stops following the registry until unpinned", async () => {
    await publishSet("4.0.0");
    await publishSet("4.1.0");
    await refresh();
    expect(await servedVersion()).toBe("4.1.0");
    const pin = (path: string, body?: unknown) =>
      SELF.fetch(`http://edge/v1/admin/models/${path}`, {
        method: "POST",
        headers: { authorization: "Bearer test-admin-token", "content-type": "application/json" },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    const pinned = await pin("pin", { text: { id: "movielens-text", version: "4.0.0" }, item: { id: "movielens-cf", version: "4.0.0" } });
    expect(pinned.status).toBe(200);
    expect(await servedVersion()).toBe("4.0.0");
    expect((await refresh())?.outcome).toMatch(/pinned/);
    expect(await servedVersion()).toBe("4.0.0");
    expect((await pin("unpin")).status).toBe(200);
    expect(await servedVersion()).toBe("4.1.0");
  });
});
