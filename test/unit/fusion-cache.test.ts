import { describe, expect, it } from "vitest";
import { LruCache } from "../../functions/fusion/cache.ts";

function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe("LruCache", () => {
  it("returns what was set until the TTL passes", () => {
    const c = clock();
    const cache = new LruCache<string>(10, 60_000, c.now);
    cache.set("a", "A");
    c.advance(59_999);
    expect(cache.get("a")).toBe("A");
    c.advance(1);
    expect(cache.get("a")).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it("evicts the least recently used entry beyond its bound", () => {
    const cache = new LruCache<number>(2, 1000, clock().now);
    cache.set("a", 1);
    cache.set("b", 2);
    expect(cache.get("a")).toBe(1); // a is now the most recent
    cache.set("c", 3);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBe(1);
    expect(cache.get("c")).toBe(3);
    expect(cache.size).toBe(2);
  });

  it("re-setting a key refreshes its value and TTL without growing", () => {
    const c = clock();
    const cache = new LruCache<number>(2, 1000, c.now);
    cache.set("a", 1);
    c.advance(900);
    cache.set("a", 2);
    c.advance(900);
    expect(cache.get("a")).toBe(2);
    expect(cache.size).toBe(1);
  });

  it("stays bounded under many keys", () => {
    const cache = new LruCache<number>(500, 1000, clock().now);
    for (let i = 0; i < 5000; i++) cache.set(`k${i}`, i);
    expect(cache.size).toBe(500);
    expect(cache.get("k4999")).toBe(4999);
    expect(cache.get("k0")).toBeUndefined();
  });

  it("rejects a nonsensical bound or TTL", () => {
    expect(() => new LruCache(0, 1000)).toThrow(RangeError);
    expect(() => new LruCache(1, 0)).toThrow(RangeError);
  });
});
