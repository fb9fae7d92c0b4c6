import { Hono } from "hono";
import { modelsFor } from "../http/models.ts";
import type { AppEnv } from "../http/types.ts";

const READY_TIMEOUT_MS = 5000;

function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export const health = new Hono<AppEnv>()
  .get("/healthz", (c) => c.json({ status: "ok" }))
  // Ready means this isolate can answer a recommendation: models loaded and the fusion worker answering.
  .get("/readyz", async (c) => {
    const reasons: string[] = [];
    let versions: Record<string, string> = {};
    try {
      versions = (await within(READY_TIMEOUT_MS, "model load", modelsFor(c))).versions;
    } catch (err) {
      reasons.push(`models: ${(err as Error).message}`);
    }
    let fusion: string | undefined;
    try {
      fusion = (await within(READY_TIMEOUT_MS, "fusion worker", c.env.FUSION.ping())).version;
    } catch (err) {
      reasons.push(`fusion: ${(err as Error).message}`);
    }
    if (reasons.length > 0) return c.json({ status: "unavailable", reasons }, 503);
    return c.json({ status: "ready", models: versions, fusion });
  });
