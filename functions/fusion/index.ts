// The central fusion worker: combines per-model scores sent by edge workers. Reached only by typed RPC over a service binding.
import { WorkerEntrypoint } from "cloudflare:workers";
import type { CloseOutcome, GlobalParams, Submission, SubmitOutcome } from "../lib/federated/types.ts";
import { fuse } from "../lib/fusion/index.ts";
import type { FusionInput, FusionOutcome } from "../lib/fusion/types.ts";
import { type CentreState, coordinator } from "./federated.ts";

export { FederatedRounds } from "./federated.ts";

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

  // Federated learning (see federated.ts): parameters and counts in, parameters out; rejections are values with a reason.
  async globalParams(): Promise<GlobalParams> {
    return coordinator(this.env).globalParams();
  }

  async submitUpdate(submission: Submission): Promise<SubmitOutcome> {
    return coordinator(this.env).submit(submission);
  }

  async closeRound(): Promise<CloseOutcome> {
    return coordinator(this.env).close();
  }

  /** Everything the centre stores for federated learning: audits can check it holds parameter vectors and counts only. */
  async federatedState(): Promise<CentreState> {
    return coordinator(this.env).state();
  }
}
