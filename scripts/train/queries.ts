// Synthetic search queries for a movie: what a user types ("animated kids adventure 90s") rather than the catalog line.
import type { Movie } from "../lib/movielens.ts";
import type { Rng } from "../lib/prng.ts";
import { randInt, shuffle } from "../lib/prng.ts";

/** Everyday words for each MovieLens genre, so query words that are not genre names still land near the genre. */
export const GENRE_WORDS: Record<string, readonly string[]> = {
  Action: ["action", "fight", "explosive"],
  Adventure: ["adventure", "quest", "journey"],
  Animation: ["animation", "animated", "cartoon", "anime"],
  Children: ["children", "kids", "family", "children's"],
  Comedy: ["comedy", "funny", "humor", "comedies"],
  Crime: ["crime", "gangster", "heist"],
  Documentary: ["documentary", "true story", "real life"],
  Drama: ["drama", "dramatic", "emotional"],
  Fantasy: ["fantasy", "magic", "fairy tale"],
  "Film-Noir": ["film-noir", "noir", "detective"],
  Horror: ["horror", "scary", "slasher"],
  IMAX: ["imax", "big screen"],
  Musical: ["musical", "songs", "music"],
  Mystery: ["mystery", "whodunit", "puzzle"],
  Romance: ["romance", "romantic", "love story"],
  "Sci-Fi": ["sci-fi", "science fiction", "space", "futuristic"],
  Thriller: ["thriller", "suspense", "tense"],
  War: ["war", "battle", "soldiers"],
  Western: ["western", "cowboys", "frontier"],
};

export function vocabularyCorpus(): string[] {
  return Object.values(GENRE_WORDS).flat();
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[randInt(rng, items.length)] as T;
}

/** A random subset of the movie's genres (as genre names or everyday words), sometimes with the decade or year. */
export function syntheticQuery(rng: Rng, m: Movie): string | null {
  if (m.genres.length === 0) return null;
  const genres = shuffle(rng, [...m.genres]).slice(0, 1 + randInt(rng, Math.min(3, m.genres.length)));
  const words = genres.map((g) => (rng() < 0.5 ? g : pick(rng, GENRE_WORDS[g] ?? [g])));
  if (m.year !== null && rng() < 0.3) words.push(rng() < 0.5 ? String(m.year) : `${Math.floor(m.year / 10) * 10}s`);
  return shuffle(rng, words).join(" ");
}
