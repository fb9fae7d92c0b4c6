// What the visitor has told the page so far, and the one recommend request that follows from it.

import type { RecommendBody, Recommended, Strategy } from "./api.ts";

export type Movie = Pick<Recommended, "id" | "title" | "year" | "genres">;

export interface SessionItem {
  movie: Movie;
  /** 0.5-5 stars; a click counts as a good sign, a like as the best. */
  rating: number;
}

export interface State {
  query: string;
  history: SessionItem[];
  /** "More like this": while set, the page shows neighbours of one movie instead of the session's recommendations. */
  seed: Movie | null;
  /** Skipped movies never come back in this session. */
  skipped: Set<number>;
  liked: Set<number>;
  strategy: Strategy;
  /** Slider positions; only sent once the visitor has moved one, so the server's defaults show first. */
  weights: Map<string, number>;
  weightsTouched: boolean;
  /** Sources beyond the three the page knows, as the server's last answer named them. */
  extraSources: string[];
  userId: string;
}

export const BASE_SOURCES = ["query", "content", "collab"] as const;
export const RESULTS = 12;
export const CLICK_RATING = 4.5;
export const LIKE_RATING = 5;

export function initialState(userId: string): State {
  return {
    query: "",
    history: [],
    seed: null,
    skipped: new Set(),
    liked: new Set(),
    strategy: "weighted",
    weights: new Map(BASE_SOURCES.map((s) => [s, 1])),
    weightsTouched: false,
    extraSources: [],
    userId,
  };
}

/** Sources the server will build for this request (see functions/edge/recommend/pipeline.ts); weights may only name these. */
export function expectedSources(s: State): string[] {
  const known = s.seed ? ["content", "collab"] : [...(s.query ? ["query"] : []), ...(s.history.length > 0 ? ["content", "collab"] : [])];
  return known.length === 0 ? [] : [...known, ...s.extraSources];
}

export function remember(s: State, movie: Movie, rating: number): void {
  const existing = s.history.find((h) => h.movie.id === movie.id);
  if (existing) existing.rating = Math.max(existing.rating, rating);
  else s.history.push({ movie, rating });
}

/** The recommend body for the current state, or null when there is nothing to recommend from yet. */
export function requestBody(s: State, withWeights = true): RecommendBody | null {
  const sources = expectedSources(s);
  if (sources.length === 0) return null;
  const body: RecommendBody = { k: RESULTS, explain: true, strategy: s.strategy, userId: s.userId };
  if (s.seed) {
    // Same request as GET /v1/items/:id/similar, but with the strategy, weights and explanations the page controls.
    body.history = [{ id: s.seed.id, weight: 1 }];
  } else {
    if (s.query) body.query = s.query;
    if (s.history.length > 0) body.history = s.history.map((h) => ({ id: h.movie.id, rating: h.rating }));
  }
  const exclude = [...s.skipped];
  if (exclude.length > 0) body.exclude = exclude;
  if (withWeights && s.weightsTouched) {
    body.weights = Object.fromEntries(sources.map((name) => [name, s.weights.get(name) ?? 1]));
  }
  return body;
}
