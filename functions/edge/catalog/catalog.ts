import moviesCsv from "../../../data/movielens/movies.csv";
import { type Movie, movieText, parseMovies } from "../../lib/catalog.ts";
import { sha256Hex } from "../../lib/digest.ts";

export interface Catalog {
  movies: readonly Movie[];
  byId: ReadonlyMap<number, Movie>;
  ids: Int32Array;
  texts: readonly string[];
  /** sha256 of the catalog file: part of every index key and ETag, so a new catalog never reuses stale vectors. */
  digest: string;
}

let loaded: Promise<Catalog> | undefined;

/** The shipped catalog, parsed once per isolate. */
export function catalog(): Promise<Catalog> {
  loaded ??= (async () => {
    const movies = parseMovies(moviesCsv);
    return {
      movies,
      byId: new Map(movies.map((m) => [m.movieId, m])),
      ids: Int32Array.from(movies, (m) => m.movieId),
      texts: movies.map(movieText),
      digest: await sha256Hex(new TextEncoder().encode(moviesCsv)),
    };
  })();
  return loaded;
}
