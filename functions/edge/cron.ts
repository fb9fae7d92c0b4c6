import { toPriorAggregate } from "../lib/priors.ts";
import { collectAggregates } from "./feedback/aggregates.ts";
import { knownLocations } from "./feedback/location.ts";
import { runFederatedRound } from "./feedback/run.ts";
import { refreshModels } from "./models/refresh.ts";

export const SCHEDULES = {
  refreshModels: "*/5 * * * *",
  refreshScores: "17 3 * * *",
  federatedRound: "41 * * * *",
} as const;

// Dispatch on the cron expression itself, so a trigger added to wrangler.toml without a handler fails loudly instead of doing nothing.
export async function scheduled(controller: ScheduledController, env: EdgeEnv, _ctx: ExecutionContext): Promise<void> {
  switch (controller.cron) {
    case SCHEDULES.refreshModels: {
      const status = await refreshModels(env);
      console.log(JSON.stringify({ level: "info", job: "refresh-models", outcome: status.outcome }));
      return;
    }
    case SCHEDULES.refreshScores: {
      // Counts per item only: the centre's priors never see a user or an event.
      const aggregates = await collectAggregates(env, await knownLocations(env.CACHE));
      const report = await env.FUSION.refreshPriors(aggregates.map(toPriorAggregate));
      if (!report.ok) throw new Error(`refresh-scores rejected: ${report.reason}`);
      console.log(JSON.stringify({ level: "info", job: "refresh-scores", ...report }));
      return;
    }
    case SCHEDULES.federatedRound: {
      const report = await runFederatedRound(env);
      console.log(JSON.stringify({ level: "info", job: "federated-round", ...report }));
      return;
    }
    default:
      throw new Error(`No job for schedule "${controller.cron}"`);
  }
}
