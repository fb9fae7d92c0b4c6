import { describe, expect, it } from "vitest";
import { AsyncMemo } from "../../functions/lib/onnx/memo.ts";
import { serial } from "../../functions/lib/onnx/serial.ts";

describe("AsyncMemo", () => {
  it("loads a key once and shares the promise", async () => {
    const memo = new AsyncMemo<number>();
    let loads = 0;
    const load = async () => ++loads;
    const [a, b] = await Promise.all([memo.get("k", load), memo.get("k", load)]);
    expect([a, b, loads]).toEqual([1, 1, 1]);
  });

  it("evicts a rejected load so the next caller retries", async () => {
    const memo = new AsyncMemo<string>();
    await expect(memo.get("k", async () => Promise.reject(new Error("corrupt")))).rejects.toThrow("corrupt");
    await Promise.resolve();
    expect(memo.has("k")).toBe(false);
    await expect(memo.get("k", async () => "ok")).resolves.toBe("ok");
  });
});

describe("serial", () => {
  it("never overlaps tasks and keeps going after a failure", async () => {
    const run = serial();
    let active = 0;
    let maxActive = 0;
    const order: number[] = [];
    const task =
      (i: number, fail = false) =>
      async () => {
        active += 1;
        maxActive = Math.max(maxActive, active);
        await new Promise((r) => setTimeout(r, 5 - i));
        order.push(i);
        active -= 1;
        if (fail) throw new Error(`task ${i}`);
        return i;
      };
    const results = await Promise.allSettled([run(task(0)), run(task(1, true)), run(task(2))]);
    expect(maxActive).toBe(1);
    expect(order).toEqual([0, 1, 2]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
  });
});
