import { describe, expect, it } from "vitest";
import { submissionProblem } from "../../functions/lib/federated/validate.ts";

const good = { location: "LHR", round: 3, theta: [0, 1, -2], n: 10 };
const check = (input: unknown) => submissionProblem(input, 3, 3);

describe("submissionProblem", () => {
  it("accepts a well-formed submission for the open round", () => {
    expect(check(good)).toBeNull();
  });

  it.each([
    ["a stale round", { ...good, round: 2 }, /stale round 2: round 3 is open/],
    ["a future round", { ...good, round: 4 }, /round 4 is not open yet/],
    ["the wrong length", { ...good, theta: [0, 1] }, /2 entries; expected 3/],
    ["NaN", { ...good, theta: [0, Number.NaN, 1] }, /theta\[1\] is not a finite number/],
    ["Infinity", { ...good, theta: [Number.POSITIVE_INFINITY, 0, 1] }, /theta\[0\] is not a finite/],
    ["a string entry", { ...good, theta: [0, "1", 2] }, /theta\[1\]/],
    ["a huge entry", { ...good, theta: [0, 1e7, 2] }, /exceeds/],
    ["theta not an array", { ...good, theta: "0,1,2" }, /array/],
    ["n = 0", { ...good, n: 0 }, /n must be/],
    ["fractional n", { ...good, n: 1.5 }, /n must be/],
    ["a bad location", { ...good, location: "a b" }, /location/],
    ["a fractional round", { ...good, round: 2.5 }, /round must be an integer/],
    ["null", null, /must be an object/],
    ["an array", [good], /must be an object/],
  ])("rejects %s with a reason", (_, input, reason) => {
    expect(check(input)).toMatch(reason);
  });
});
