import { describe, expect, it } from "vitest";
import { FeedbackRequest, MAX_FEEDBACK_EVENTS } from "../../functions/lib/contracts/feedback.ts";

const event = { eventId: "ev-1", userId: "u:42", itemId: 1, type: "like", timestamp: Date.UTC(2026, 0, 1) };
const parse = (events: unknown[]) => FeedbackRequest.safeParse({ events });
const message = (events: unknown[]) => {
  const r = parse(events);
  return r.success ? "" : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
};

describe("FeedbackRequest", () => {
  it("accepts ms and ISO timestamps (normalised to ms) and a rating with its value", () => {
    const r = parse([event, { ...event, eventId: "ev.2", type: "rating", value: 4.5, timestamp: "2026-01-01T00:00:00Z" }]);
    expect(r.success).toBe(true);
    expect(r.data?.events[1]?.timestamp).toBe(Date.UTC(2026, 0, 1));
  });

  it.each([
    ["no events", [], /at least one event/],
    ["a rating without a value", [{ ...event, type: "rating" }], /events.0.value: a rating needs a value/],
    ["a rating of 6", [{ ...event, type: "rating", value: 6 }], /0.5 to 5/],
    ["a timestamp in seconds", [{ ...event, timestamp: 1_700_000_000 }], /before 1990/],
    ["a far-future timestamp", [{ ...event, timestamp: Date.now() + 2 * 3600_000 }], /in the future/],
    ["an ISO timestamp without a zone", [{ ...event, timestamp: "2026-01-01T00:00:00" }], /ISO 8601/],
    ["an eventId with a space", [{ ...event, eventId: "ev 1" }], /eventId is 1-64/],
    ["a 65-character userId", [{ ...event, userId: "u".repeat(65) }], /userId is 1-64/],
    ["itemId 0", [{ ...event, itemId: 0 }], /itemId/],
    ["an unknown type", [{ ...event, type: "purchase" }], /type/],
    ["a score above 1", [{ ...event, scores: { collab: 1.5 } }], /scores.collab/],
  ])("rejects %s", (_, events, pattern) => {
    expect(message(events)).toMatch(pattern);
  });

  it(`rejects more than ${MAX_FEEDBACK_EVENTS} events`, () => {
    const many = Array.from({ length: MAX_FEEDBACK_EVENTS + 1 }, (_, i) => ({ ...event, eventId: `e${i}` }));
    expect(message(many)).toMatch(/at most 100/);
    expect(parse(many.slice(1)).success).toBe(true);
  });
});
