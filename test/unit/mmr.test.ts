import { describe, expect, it } from "vitest";
import { mmr } from "../../functions/lib/mmr.ts";
import { gaussian, mulberry32 } from "../../functions/lib/random.ts";

function unit(v: number[]): Float32Array {
  const n = Math.hypot(...v);
  return Float32Array.from(v, (x) => x / n);
}
function cos(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}
function meanPairwise(ids: number[], vec: Map<number, Float32Array>): number {
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      sum += cos(vec.get(ids[i] as number) as Float32Array, vec.get(ids[j] as number) as Float32Array);
      pairs++;
    }
  }
  return sum / pairs;
}

/** 6 topics x 8 near-duplicates each; topic 0 is the most relevant, so pure relevance fills the top-k with it. */
function clusteredCatalog() {
  const normal = gaussian(mulberry32(3));
  const dims = 16;
  const vec = new Map<number, Float32Array>();
  const items: { id: number; score: number }[] = [];
  for (let topic = 0; topic < 6; topic++) {
    const centre = Array.from({ length: dims }, normal);
    for (let j = 0; j < 8; j++) {
      const id = topic * 100 + j;
      vec.set(id, unit(centre.map((c) => c + 0.05 * normal())));
      items.push({ id, score: 1 - topic * 0.05 - j * 0.001 });
    }
  }
  return { vec, items };
}

describe("mmr", () => {
  const { vec, items } = clusteredCatalog();
  const byRelevance = [...items].sort((a, b) => b.score - a.score || a.id - b.id).map((it) => it.id);

  it("lambda = 1 keeps the relevance order (score desc, id asc)", () => {
    const shuffled = [...items].reverse();
    expect(mmr(shuffled, (id) => vec.get(id), 1, 10)).toEqual(byRelevance.slice(0, 10));
    const tied = [
      { id: 5, score: 1 },
      { id: 2, score: 1 },
      { id: 9, score: 2 },
    ];
    expect(mmr(tied, (id) => vec.get(id), 1, 3)).toEqual([9, 2, 5]);
  });

  it("measurably reduces near-duplicates in the top-k", () => {
    const k = 6;
    const plain = byRelevance.slice(0, k);
    const diverse = mmr(items, (id) => vec.get(id), 0.5, k);
    const before = meanPairwise(plain, vec);
    const after = meanPairwise(diverse, vec);
    // Pure relevance: six copies of topic 0 (similarity ~1). MMR: spread over topics (random topics ~0).
    expect(before).toBeGreaterThan(0.95);
    expect(after).toBeLessThan(0.3);
    expect(new Set(diverse.map((id) => Math.floor(id / 100))).size).toBeGreaterThanOrEqual(5);
    expect(diverse[0]).toBe(plain[0]); // the first pick is always the most relevant
  });

  it("treats items without vectors as novel, and handles k and duplicates", () => {
    const few = [
      { id: 1, score: 0.9 },
      { id: 2, score: 0.8 },
      { id: 3, score: 0.1 },
      { id: 1, score: 0.5 },
    ];
    const same = unit([1, 0]);
    const vectors = new Map([
      [1, same],
      [2, same],
    ]);
    // After picking 1, item 2 is a duplicate (sim 1) and item 3 has no vector (sim 0).
    expect(mmr(few, (id) => vectors.get(id), 0.3, 3)).toEqual([1, 3, 2]);
    expect(mmr(few, (id) => vectors.get(id), 0.3, 10)).toHaveLength(3);
    expect(mmr(few, (id) => vectors.get(id), 0.3, 0)).toEqual([]);
    expect(mmr([], () => undefined, 0.5, 5)).toEqual([]);
  });

  it("rejects lambda outside [0, 1] and non-finite scores", () => {
    expect(() => mmr(items, (id) => vec.get(id), 1.5, 3)).toThrow(/lambda/);
    expect(() => mmr(items, (id) => vec.get(id), Number.NaN, 3)).toThrow(/lambda/);
    expect(() => mmr([{ id: 1, score: Number.NaN }], () => undefined, 0.5, 1)).toThrow(/non-finite/);
  });
});
