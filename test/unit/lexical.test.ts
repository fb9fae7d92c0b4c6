import { describe, expect, it } from "vitest";
import { LexicalIndex, words } from "../../functions/lib/lexical.ts";

const titles = ["Toy Story (1995)", "Toy Story 2 (1999)", "Story of Us, The (1999)", "Amélie (2001)", "Heat (1995)"];
const index = new LexicalIndex(Int32Array.from([1, 3114, 2, 4973, 6]), titles);
const all = () => true;

describe("words", () => {
  it("folds case and accents and splits on anything that is not a letter or digit", () => {
    expect(words("Amélie (2001): L'Été!")).toEqual(["amelie", "2001", "l", "ete"]);
    expect(words("")).toEqual([]);
  });
});

describe("LexicalIndex", () => {
  it("ranks the title that matches every query word, the shorter title first", () => {
    const hit = index.search("toy story", 10, all);
    expect(hit.ids.slice(0, 2)).toEqual([1, 3114]);
    expect(hit.ids).toContain(2);
    expect(hit.coverage).toBeCloseTo(1, 9);
    expect(hit.scores[0]).toBeGreaterThan(hit.scores[1] ?? Number.POSITIVE_INFINITY);
  });

  it("matches accents loosely, honours eligibility and k, and reports partial coverage", () => {
    expect(index.search("amelie", 5, all).ids).toEqual([4973]);
    expect(index.search("toy story", 1, (id) => id !== 1).ids).toEqual([3114]);
    const partial = index.search("heat wave", 5, all);
    expect(partial.ids).toEqual([6]);
    expect(partial.coverage).toBeGreaterThan(0);
    expect(partial.coverage).toBeLessThan(1);
    expect(index.search("zzz", 5, all)).toMatchObject({ ids: [], scores: [], coverage: 0 });
  });

  it("scores any id: 0 when no word matches, null when the id is unknown", () => {
    // Scores come from the search's own pass, for ids it did not return too (here k = 1 and an ineligible id).
    const [toy, heat, unknown] = index.search("toy story", 1, (id) => id !== 1).score([1, 6, 999]);
    expect(toy).toBeGreaterThan(0);
    expect(heat).toBe(0);
    expect(unknown).toBeNull();
  });
});
