import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { SCHEDULES } from "../../functions/edge/cron.ts";
import worker from "../../functions/edge/index.ts";

describe("scheduled", () => {
  it.each(Object.values(SCHEDULES))("runs the job for %s", async (cron) => {
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron, scheduledTime: Date.now() }), env, ctx);
    await waitOnExecutionContext(ctx);
  });

  it("throws on a schedule it has no job for", async () => {
    const ctx = createExecutionContext();
    await expect(worker.scheduled(createScheduledController({ cron: "0 0 1 1 *" }), env, ctx)).rejects.toThrow(/No job/);
  });
});
