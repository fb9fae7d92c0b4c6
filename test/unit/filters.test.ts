import { describe, expect, it } from "vitest";
import { movieFilter } from "../../functions/edge/recommend/filters.ts";
import type { Movie } from "../../functions/lib/catalog.ts";

const movie = (genres: string[], year: number | null): Movie => ({ movieId: 1, title: "t", year, genres });

describe("movieFilter", () => {
  it("is undefined without filters, so the scan skips the call", () => {
    expect(movieFilter(undefined)).toBeUndefined();
    expect(movieFilter({ genres: {} })).toBeUndefined();
  });

  it("applies genres any/all case-insensitively and an inclusive year range", () => {
    const keep = movieFilter({ genres: { any: ["animation", "Documentary"], all: ["Children"] }, year: { from: 1990, to: 1999 } });
    expect(keep?.(movie(["Animation", "Children"], 1995))).toBe(true);
    expect(keep?.(movie(["Animation", "Children"], 1990))).toBe(true);
    expect(keep?.(movie(["Animation"], 1995))).toBe(false);
    expect(keep?.(movie(["Comedy", "Children"], 1995))).toBe(false);
    expect(keep?.(movie(["Animation", "Children"], 2000))).toBe(false);
    expect(keep?.(movie(["Animation", "Children"], null))).toBe(false);
  });
});
