import moviesCsv from "../../../data/movielens/movies.csv";
import { type Movie, movieText, naturalTitle, parseMovies } from "../../lib/catalog.ts";
import { sha256Hex } from "../../lib/digest.ts";
import { LexicalIndex } from "../../lib/lexical.ts";

export interface Catalog {
  movies: readonly Movie[];
  byId: ReadonlyMap<number, Movie>;
  ids: Int32Array;
  texts: readonly string[];
  /** BM25 over "<title> <year>", for queries that name a film. */
  titles: LexicalIndex;
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
      titles: new LexicalIndex(
        Int32Array.from(movies, (m) => m.movieId),
        movies.map((m) => `${naturalTitle(m.title)} ${m.year ?? ""}`),
      ),
      digest: await sha256Hex(new TextEncoder().encode(moviesCsv)),
    };
  })();
  return loaded;
}
