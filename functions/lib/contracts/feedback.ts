import { z } from "@hono/zod-openapi";
import { ItemId } from "./recommend.ts";

export const MAX_FEEDBACK_EVENTS = 100;
export const FEEDBACK_TYPES = ["view", "click", "like", "rating", "skip"] as const;
/** Client clocks drift; an hour ahead is drift, more is a bug or a forgery that would pin "last seen" in the future. */
export const MAX_CLOCK_SKEW_MS = 60 * 60 * 1000;
/** Earlier than any MovieLens rating; also catches timestamps sent in seconds (1.7e9 ms is January 1970). */
export const MIN_TIMESTAMP_MS = Date.UTC(1990, 0, 1);

const Id = (what: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, `${what} is 1-64 letters, digits or _ . : -`)
    .openapi({ example: what === "eventId" ? "ev-0001" : "u42" });

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const Timestamp = z
  .union([z.number().int("timestamps in ms are integers"), z.string().regex(ISO, "timestamp is ms since epoch or ISO 8601 with a zone")])
  .transform((t) => (typeof t === "number" ? t : Date.parse(t)))
  .refine((t) => Number.isFinite(t) && t >= MIN_TIMESTAMP_MS, "timestamp is before 1990 (send milliseconds, not seconds)")
  .refine((t) => t <= Date.now() + MAX_CLOCK_SKEW_MS, "timestamp is more than an hour in the future")
  .openapi({ example: "2026-05-01T12:00:00Z", description: "ms since epoch, or ISO 8601 with a zone" });

/** The per-source normalised scores the recommend response explained for this item (explain[source].normalized). */
const Scores = z
  .record(z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, "source names are lowercase words"), z.number().min(0).max(1).nullable())
  .refine((s) => Object.keys(s).length <= 16, "at most 16 sources")
  .openapi({ description: "Echo explain[source].normalized from /v1/recommend; events with it teach the location which sources to trust" });

export const FeedbackEvent = z
  .object({
    eventId: Id("eventId"),
    userId: Id("userId"),
    itemId: ItemId,
    type: z.enum(FEEDBACK_TYPES),
    value: z.number().min(-1e6).max(1e6).optional().openapi({ description: "Required for rating (0.5..5); optional elsewhere" }),
    timestamp: Timestamp,
    scores: Scores.optional(),
  })
  .superRefine((e, ctx) => {
    if (e.type !== "rating") return;
    if (e.value === undefined) ctx.addIssue({ code: "custom", path: ["value"], message: "a rating needs a value from 0.5 to 5" });
    else if (e.value < 0.5 || e.value > 5) ctx.addIssue({ code: "custom", path: ["value"], message: "a rating value is from 0.5 to 5" });
  })
  .openapi("FeedbackEvent");

export const FeedbackRequest = z
  .object({
    events: z
      .array(FeedbackEvent)
      .min(1, "send at least one event")
      .max(MAX_FEEDBACK_EVENTS, `at most ${MAX_FEEDBACK_EVENTS} events a request`),
  })
  .openapi("FeedbackRequest");

export const FeedbackResponse = z
  .object({
    accepted: z.number().int().openapi({ description: "Events stored by this request" }),
    duplicates: z.number().int().openapi({ description: "Events whose eventId was already stored (a replay); not counted twice" }),
    warnings: z.array(z.string()).openapi({ description: "Events not stored and why (unknown items)" }),
    location: z.string(),
  })
  .openapi("FeedbackResponse");

export type FeedbackEvent = z.infer<typeof FeedbackEvent>;
export type FeedbackRequest = z.infer<typeof FeedbackRequest>;
export type FeedbackResponse = z.infer<typeof FeedbackResponse>;
