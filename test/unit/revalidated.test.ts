import { describe, expect, it } from "vitest";
import { Revalidated } from "../../functions/lib/revalidated.ts";

/** A load the test settles by hand, counting how often it was started. */
function loads() {
  const started: { resolve: (v: number) => void; reject: (e: Error) => void }[] = [];
  const load = () => new Promise<number>((resolve, reject) => started.push({ resolve, reject }));
  return { load, started };
}

/** A cache holding 1 whose reads come 5 s later (stale), and the work each read left behind via waitUntil. */
function stale() {
  const cache = new Revalidated<number>(1000);
  cache.set(1);
  const behind: Promise<unknown>[] = [];
  const later = Date.now() + 5000;
  const read = (load: () => Promise<number>) => cache.get(load, (w) => behind.push(w), later);
  return { cache, behind, read, ...loads() };
}

describe("Revalidated", () => {
  it("makes the first read wait, then answers from memory while fresh", async () => {
    const cache = new Revalidated<number>(1000);
    const { load, started } = loads();
    const first = cache.get(load);
    const second = cache.get(load);
    expect(started).toHaveLength(1);
    started[0]!.resolve(1);
    expect(await first).toBe(1);
    expect(await second).toBe(1);
    expect(await cache.get(load)).toBe(1);
    expect(started).toHaveLength(1);
  });

  it("answers a stale value at once and reloads once behind the callers", async () => {
    const { cache, behind, read, load, started } = stale();
    expect(await read(load)).toBe(1);
    expect(await read(load)).toBe(1);
    expect(started).toHaveLength(1);
    started[0]!.resolve(2);
    await Promise.all(behind);
    expect(await cache.get(load)).toBe(2);
  });

  it("keeps the old value when a reload fails, and tries again on the next stale read", async () => {
    const { cache, behind, read, load, started } = stale();
    expect(await read(load)).toBe(1);
    started[0]!.reject(new Error("storage down"));
    await Promise.all(behind);
    expect(cache.peek()).toBe(1);
    expect(await read(load)).toBe(1);
    expect(started).toHaveLength(2);
  });

  it("reloads in front of the caller without waitUntil, and after clear", async () => {
    const cache = new Revalidated<number>(1000);
    cache.set(1);
    const { load, started } = loads();
    const stale = cache.get(load, undefined, Date.now() + 5000);
    started[0]!.resolve(2);
    expect(await stale).toBe(2);
    cache.clear();
    const cleared = cache.get(load);
    started[1]!.resolve(3);
    expect(await cleared).toBe(3);
  });
});
