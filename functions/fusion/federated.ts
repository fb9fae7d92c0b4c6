// The centre of federated learning: one Durable Object serialises submissions and rounds; it only ever stores parameter vectors and counts.
import { DurableObject } from "cloudflare:workers";
import { federatedConfig } from "../lib/federated/config.ts";
import { cryptoRng, fedAvg } from "../lib/federated/fedavg.ts";
import { initialTheta, LAYOUT } from "../lib/federated/layout.ts";
import { privacyReport } from "../lib/federated/privacy.ts";
import type { CloseOutcome, GlobalParams, SubmitOutcome } from "../lib/federated/types.ts";
import { submissionProblem } from "../lib/federated/validate.ts";
import { add, sub } from "../lib/federated/vector.ts";

/** The KV key (in SCORES) where the latest global parameters are published for readers that do not need the DO. */
export const GLOBAL_KEY = "federated:global";

const MIGRATIONS = [
  `CREATE TABLE IF NOT EXISTS global (
     id INTEGER PRIMARY KEY CHECK (id = 1), round INTEGER NOT NULL, theta TEXT NOT NULL, participants INTEGER NOT NULL, weight_sum REAL NOT NULL
   )`,
  `CREATE TABLE IF NOT EXISTS pending (
     location TEXT PRIMARY KEY, round INTEGER NOT NULL, theta TEXT NOT NULL, n INTEGER NOT NULL
   )`,
];

/** Everything the centre holds for federated learning, for audits and the test that proves no event ever arrives. */
export interface CentreState {
  global: GlobalParams;
  pending: { location: string; round: number; theta: number[]; n: number }[];
}

export class FederatedRounds extends DurableObject<FusionEnv> {
  readonly #sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: FusionEnv) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
    for (const statement of MIGRATIONS) this.#sql.exec(statement);
  }

  globalParams(): GlobalParams {
    const config = federatedConfig(this.env);
    const row = this.#sql
      .exec<{ round: number; theta: string; participants: number; weight_sum: number }>("SELECT * FROM global WHERE id = 1")
      .toArray()[0];
    const round = row?.round ?? 0;
    return {
      round,
      theta: row ? (JSON.parse(row.theta) as number[]) : initialTheta(),
      layout: [...LAYOUT.names],
      participants: row?.participants ?? 0,
      weightSum: row?.weight_sum ?? 0,
      // Every closed round released one noisy aggregate, so the round number is the count the accounting composes.
      privacy: privacyReport(config.noiseMultiplier, config.clipNorm, round),
    };
  }

  /** One pending update per location per round; a resubmission in the same round replaces the earlier one. */
  submit(input: unknown): SubmitOutcome {
    const global = this.globalParams();
    const problem = submissionProblem(input, global.round, global.theta.length);
    if (problem !== null) return { ok: false, reason: problem };
    const s = input as { location: string; round: number; theta: number[]; n: number };
    this.#sql.exec(
      "INSERT INTO pending (location, round, theta, n) VALUES (?, ?, ?, ?) ON CONFLICT (location) DO UPDATE SET round = excluded.round, theta = excluded.theta, n = excluded.n",
      s.location,
      s.round,
      JSON.stringify(s.theta),
      s.n,
    );
    return { ok: true, round: global.round, pending: this.#pendingCount(global.round) };
  }

  /** DP-FedAvg over the open round's updates (as deltas from its global), or a skip that keeps them for the next attempt. */
  async close(): Promise<CloseOutcome> {
    const config = federatedConfig(this.env);
    const global = this.globalParams();
    const rows = this.#sql
      .exec<{ theta: string; n: number }>("SELECT theta, n FROM pending WHERE round = ? ORDER BY location", global.round)
      .toArray();
    if (rows.length < config.minParticipants) {
      return {
        ok: false,
        reason: `skipped: ${rows.length} of the ${config.minParticipants} participants needed`,
        round: global.round,
        pending: rows.length,
      };
    }
    const updates = rows.map((r) => ({ delta: sub(JSON.parse(r.theta) as number[], global.theta), n: r.n }));
    const avg = fedAvg(updates, { ...config, rng: cryptoRng() });
    const theta = add(global.theta, avg.delta);
    this.ctx.storage.transactionSync(() => {
      this.#sql.exec(
        "INSERT INTO global (id, round, theta, participants, weight_sum) VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET round = excluded.round, theta = excluded.theta, participants = excluded.participants, weight_sum = excluded.weight_sum",
        global.round + 1,
        JSON.stringify(theta),
        avg.participants,
        avg.weightSum,
      );
      this.#sql.exec("DELETE FROM pending WHERE round <= ?", global.round);
    });
    const next = this.globalParams();
    await this.env.SCORES.put(GLOBAL_KEY, JSON.stringify(next));
    return { ok: true, closed: global.round, global: next, clipped: avg.clipped, sigma: avg.sigma };
  }

  state(): CentreState {
    const pending = this.#sql
      .exec<{ location: string; round: number; theta: string; n: number }>("SELECT * FROM pending ORDER BY location")
      .toArray();
    return { global: this.globalParams(), pending: pending.map((p) => ({ ...p, theta: JSON.parse(p.theta) as number[] })) };
  }

  #pendingCount(round: number): number {
    return Number(this.#sql.exec("SELECT COUNT(*) AS c FROM pending WHERE round = ?", round).one().c);
  }
}

/** The single coordinator: rounds are global, so every edge and every cron run must reach the same instance. */
export function coordinator(env: FusionEnv) {
  return env.FEDERATED.get(env.FEDERATED.idFromName("global"));
}
