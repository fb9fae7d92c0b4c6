import type { Movie } from "../../lib/catalog.ts";
import type { Filters } from "../../lib/contracts/recommend.ts";

const lower = (xs: readonly string[] | undefined) => (xs ?? []).map((g) => g.toLowerCase());

/** A predicate over catalog movies for the request's filters; undefined when the request has none, so the scan skips the call. */
export function movieFilter(filters: Filters | undefined): ((movie: Movie) => boolean) | undefined {
  if (!filters) return undefined;
  const any = lower(filters.genres?.any);
  const all = lower(filters.genres?.all);
  const from = filters.year?.from;
  const to = filters.year?.to;
  if (any.length === 0 && all.length === 0 && from === undefined && to === undefined) return undefined;
  return (movie) => {
    const genres = movie.genres.map((g) => g.toLowerCase());
    if (any.length > 0 && !any.some((g) => genres.includes(g))) return false;
    if (all.length > 0 && !all.every((g) => genres.includes(g))) return false;
    if (from !== undefined && (movie.year === null || movie.year < from)) return false;
    if (to !== undefined && (movie.year === null || movie.year > to)) return false;
    return true;
  };
}
