// The central fusion worker: combines per-model scores sent by edge workers. Reached only by typed RPC over a service binding.
import { WorkerEntrypoint } from "cloudflare:workers";
import { fuse } from "../lib/fusion/index.ts";
import type { FusionInput, FusionOutcome } from "../lib/fusion/types.ts";

// Not exported: workerd rejects main-module exports that are not handlers or entrypoint classes.
const FUSION_VERSION = "1";

export default class FusionWorker extends WorkerEntrypoint<FusionEnv> {
  // No public surface: anything that reaches fetch (a misrouted request) gets a JSON 404.
  override async fetch(): Promise<Response> {
    return Response.json({ error: { code: "not_found", message: "The fusion worker has no HTTP routes" } }, { status: 404 });
  }

  async ping(): Promise<{ ok: true; version: string }> {
    return { ok: true, version: FUSION_VERSION };
  }

  /** Expected failures (bad weights, bad scores) come back as `{ ok: false, reason }`: RPC would drop an error's details. */
  async fuse(input: FusionInput): Promise<FusionOutcome> {
    return fuse(input);
  }
}
