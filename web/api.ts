// The page's only link to the edge worker: JSON over fetch, timed on the client, with the server's own timing when it sends one.

import type { z } from "@hono/zod-openapi";
import type { FeedbackEvent as FeedbackEventSchema, FeedbackResponse } from "../functions/lib/contracts/feedback.ts";
import type { RecommendRequest, RecommendResponse } from "../functions/lib/contracts/recommend.ts";

export type { FeedbackResponse, RecommendResponse };
export type RecommendBody = z.input<typeof RecommendRequest>;
export type Strategy = NonNullable<RecommendBody["strategy"]>;
export type Recommended = RecommendResponse["items"][number];

export type FeedbackEvent = z.input<typeof FeedbackEventSchema>;

export interface Timing {
  roundTripMs: number;
  /** Entries of the Server-Timing header, when the server sends one. */
  server: { name: string; dur: number }[];
}

export type Answer<T> =
  | { ok: true; status: number; data: T; timing: Timing }
  | { ok: false; status: number; code: string; message: string; timing: Timing };

export function parseServerTiming(header: string | null): Timing["server"] {
  if (!header) return [];
  return header.split(",").flatMap((part) => {
    const [name, ...params] = part.split(";").map((s) => s.trim());
    const dur = params.find((p) => p.startsWith("dur="))?.slice(4);
    return name && dur !== undefined && Number.isFinite(Number(dur)) ? [{ name, dur: Number(dur) }] : [];
  });
}

async function call<T>(method: "GET" | "POST", path: string, body: unknown, signal?: AbortSignal): Promise<Answer<T>> {
  const started = performance.now();
  const init: RequestInit = { method, headers: { accept: "application/json" } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { accept: "application/json", "content-type": "application/json" };
  }
  if (signal) init.signal = signal;
  const res = await fetch(path, init);
  const text = await res.text();
  const timing = { roundTripMs: performance.now() - started, server: parseServerTiming(res.headers.get("server-timing")) };
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (res.ok) return { ok: true, status: res.status, data: json as T, timing };
  const error = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
  return {
    ok: false,
    status: res.status,
    code: error?.code ?? "http_error",
    message: error?.message ?? (text.slice(0, 200) || res.statusText),
    timing,
  };
}

export const recommend = (body: RecommendBody, signal: AbortSignal) => call<RecommendResponse>("POST", "/v1/recommend", body, signal);

export const sendFeedback = (event: FeedbackEvent) => call<FeedbackResponse>("POST", "/v1/feedback", { events: [event] });
