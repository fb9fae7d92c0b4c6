// The central fusion worker: combines per-model scores sent by edge workers. Reached only by typed RPC over a service binding.
import { WorkerEntrypoint } from "cloudflare:workers";
import type { CloseOutcome, GlobalParams, Submission, SubmitOutcome } from "../lib/federated/types.ts";
import type { CentreFusionInput, CentreFusionOutcome, PopularOutcome, PopularRequest } from "../lib/fusion/types.ts";
import type { PriorAggregate } from "../lib/priors.ts";
import { centreFuse } from "./centre.ts";
import { type Fault, setFault } from "./faults.ts";
import { type CentreState, coordinator } from "./federated.ts";
import { popular } from "./popular.ts";
import { type PriorsRefresh, refreshPriorsRpc } from "./priors-rpc.ts";
import type { Profile } from "./profile-rules.ts";
import { type ProfileFailure, readProfile, rollbackProfile, writeProfile } from "./profiles.ts";

export { FederatedRounds } from "./federated.ts";

// Not exported: workerd rejects main-module exports that are not handlers or entrypoint classes.
const FUSION_VERSION = "1";

export default class FusionWorker extends WorkerEntrypoint<FusionEnv> {
  // No public surface: anything that reaches fetch (a misrouted request) gets a JSON 404.
  override async fetch(): Promise<Response> {
    return Response.json({ error: { code: "not_found", message: "The fusion worker has no HTTP routes" } }, { status: 404 });
  }

  /** Keeps a reload started by one call alive after that call answers. */
  readonly #waitUntil = (work: Promise<unknown>) => this.ctx.waitUntil(work);

  async ping(): Promise<{ ok: true; version: string }> {
    return { ok: true, version: FUSION_VERSION };
  }

  /**
   * Fuses the edge's scores with the centre's priors under a weight profile (see centre.ts). Expected failures (bad weights,
   * bad scores) come back as `{ ok: false, reason }`: RPC would drop an error's details.
   */
  async fuse(input: CentreFusionInput): Promise<CentreFusionOutcome> {
    return centreFuse(this.env, input, this.#waitUntil);
  }

  /** Cold start: the top k items by the profile's blend of priors, restricted to `allow` and without `exclude`. */
  async popular(req: PopularRequest): Promise<PopularOutcome> {
    return popular(this.env, req, this.#waitUntil);
  }

  /** Recomputes the priors from the bundled ratings plus the edge's feedback aggregates (nightly cron). */
  async refreshPriors(aggregates: PriorAggregate[] = []): Promise<PriorsRefresh> {
    return refreshPriorsRpc(this.env.SCORES, aggregates);
  }

  // Weight profiles (see profiles.ts): every edit is a new version; rollback moves the active pointer.
  async getProfile(name: string): Promise<{ ok: true; profile: Profile; versions: number[] } | ProfileFailure> {
    return readProfile(this.env.SCORES, name);
  }

  async putProfile(name: string, config: unknown): Promise<{ ok: true; profile: Profile } | ProfileFailure> {
    return writeProfile(this.env.SCORES, name, config);
  }

  async rollbackProfile(name: string, version: number): Promise<{ ok: true; profile: Profile } | ProfileFailure> {
    return rollbackProfile(this.env.SCORES, name, version);
  }

  /** Test-only: a no-op answering `{ ok: false }` unless the env sets FAULTS = "enabled" (only vitest.config.ts does). */
  async setFault(fault: Fault | null): Promise<{ ok: boolean; reason?: string }> {
    return setFault(this.env, fault);
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
