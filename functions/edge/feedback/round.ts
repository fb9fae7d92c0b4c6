// The scheduled federated round: every location trains locally, sends (theta_i, n_i) to the centre, and moves toward the new global.
import type { CloseOutcome, GlobalParams, Submission, SubmitOutcome } from "../../lib/federated/types.ts";
import type { LocalUpdate } from "./learn.ts";

/** The three centre calls a round makes; the only things that ever cross to the centre are these arguments. */
export interface Centre {
  globalParams(): Promise<GlobalParams>;
  submitUpdate(submission: Submission): Promise<SubmitOutcome>;
  closeRound(): Promise<CloseOutcome>;
}

/** A location's store as the round sees it: it trains where the events live and answers with parameters only. */
export interface Learner {
  train(global: { round: number; theta: number[] }): Promise<LocalUpdate>;
  adopt(global: { round: number; theta: number[] }, eta: number): Promise<unknown>;
}

export interface RoundDeps {
  centre: Centre;
  locations: readonly string[];
  learner: (location: string) => Learner;
  eta: number;
}

export interface RoundReport {
  round: number;
  submitted: string[];
  /** Locations with no labelled examples yet: nothing to send. */
  idle: string[];
  rejected: { location: string; reason: string }[];
  closed: boolean;
  reason?: string;
  /** The round now open at the centre. */
  next: number;
}

export async function federatedRound(deps: RoundDeps): Promise<RoundReport> {
  const global = await deps.centre.globalParams();
  const ref = { round: global.round, theta: global.theta };
  const report: RoundReport = { round: global.round, submitted: [], idle: [], rejected: [], closed: false, next: global.round };
  // Sequential: a round is rare and a location's training is CPU-bound, so parallelism would only raise the peak.
  for (const location of deps.locations) {
    const update = await deps.learner(location).train(ref);
    if (update.n === 0) {
      report.idle.push(location);
      continue;
    }
    // Built field by field so nothing else the learner might return can ride along to the centre.
    const outcome = await deps.centre.submitUpdate({ location, round: ref.round, theta: [...update.theta], n: update.n });
    if (outcome.ok) report.submitted.push(location);
    else report.rejected.push({ location, reason: outcome.reason });
  }
  const closed = await deps.centre.closeRound();
  if (!closed.ok) return { ...report, reason: closed.reason, next: closed.round };
  const next = { round: closed.global.round, theta: closed.global.theta };
  for (const location of deps.locations) await deps.learner(location).adopt(next, deps.eta);
  return { ...report, closed: true, next: closed.global.round };
}
