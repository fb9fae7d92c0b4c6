// The ranked list: the fused score beside each model's own score, and the actions a visitor can take on a movie.

import type { Recommended, RecommendResponse } from "./api.ts";
import { type Child, fmt, h } from "./dom.ts";
import { BASE_SOURCES, type Movie } from "./state.ts";

/** Each model's normalised score for one movie, echoed with feedback so the location learns which sources to trust. */
export type Scores = Record<string, number | null>;

export interface ResultActions {
  pick(movie: Movie, scores: Scores): void;
  moreLike(movie: Movie): void;
  like(movie: Movie, scores: Scores): void;
  skip(movie: Movie, scores: Scores): void;
}

function scoresOf(item: Recommended): Scores {
  const out: Scores = {};
  for (const [name, c] of Object.entries(item.explain ?? {})) {
    if (c.normalized === null || (c.normalized >= 0 && c.normalized <= 1)) out[name] = c.normalized;
  }
  return out;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

function bar(kind: string, label: string, fraction: number, value: string, detail: string): HTMLElement {
  return h(
    "div",
    { class: `bar bar-${kind}`, title: detail },
    h("span", { class: "bar-label" }, label),
    h(
      "span",
      { class: "bar-track", "aria-hidden": "true" },
      h("span", { class: "bar-fill", style: `width: ${(clamp01(fraction) * 100).toFixed(1)}%` }),
    ),
    h("span", { class: "bar-value" }, value),
    h("span", { class: "visually-hidden" }, detail),
  );
}

function sourceBars(item: Recommended, sources: string[]): Child[] {
  const missing: string[] = [];
  const bars: Child[] = sources.flatMap((name) => {
    const c = item.explain?.[name];
    if (!c || c.normalized === null) {
      missing.push(name);
      return [];
    }
    const el = bar(
      sourceClass(name),
      name,
      c.normalized,
      fmt(c.normalized, 2),
      `${name}: raw ${fmt(c.raw)}, normalized ${fmt(c.normalized)}, weight ${fmt(c.weight, 2)}`,
    );
    // A source weighted to zero still scored the movie but no longer counts; fade it so the slider's effect is visible.
    if (c.weight === 0) el.classList.add("unweighted");
    return [el];
  });
  if (missing.length > 0) bars.push(h("p", { class: "unscored" }, `not scored by ${missing.join(", ")}`));
  return bars;
}

/** Stable colour classes for the sources the page knows; anything new the server adds gets a neutral one. */
export function sourceClass(name: string): string {
  return (BASE_SOURCES as readonly string[]).includes(name) ? name : "other";
}

function card(item: Recommended, sources: string[], top: number, actions: ResultActions, liked: boolean): HTMLElement {
  // A few MovieLens rows have no title; say so rather than render an empty button.
  const movie: Movie = { id: item.id, title: item.title || `Untitled #${item.id}`, year: item.year, genres: item.genres };
  const scores = scoresOf(item);
  const name = item.year ? `${movie.title} (${item.year})` : movie.title;
  return h(
    "li",
    { class: "result", "data-item-id": item.id },
    h("span", { class: "rank", "aria-hidden": "true" }, String(item.rank)),
    h(
      "div",
      { class: "result-body" },
      h(
        "h3",
        { class: "result-title" },
        h(
          "button",
          { type: "button", class: "pick", "aria-label": `Add ${name} to your session`, onclick: () => actions.pick(movie, scores) },
          movie.title,
        ),
        item.year ? h("span", { class: "year" }, String(item.year)) : null,
      ),
      h("p", { class: "genres" }, item.genres.join(" · ")),
      h(
        "div",
        { class: "bars" },
        bar("fused", "fused", top > 0 ? item.score / top : 0, fmt(item.score), `fused score ${fmt(item.score, 4)}, rank ${item.rank}`),
        ...sourceBars(item, sources),
      ),
    ),
    h(
      "div",
      { class: "actions", role: "group", "aria-label": `Actions for ${name}` },
      h("button", { type: "button", class: "more", onclick: () => actions.moreLike(movie) }, "More like this"),
      h(
        "button",
        { type: "button", class: "like", "aria-pressed": String(liked), onclick: () => actions.like(movie, scores) },
        liked ? "Liked" : "Like",
      ),
      h("button", { type: "button", class: "skip", onclick: () => actions.skip(movie, scores) }, "Skip"),
    ),
  );
}

export function renderResults(list: HTMLElement, res: RecommendResponse, actions: ResultActions, liked: ReadonlySet<number>): void {
  const known: readonly string[] = BASE_SOURCES;
  const rank = (name: string) => (known.includes(name) ? known.indexOf(name) : known.length);
  const sources = Object.keys(res.weights).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  // Fused scores live on different scales per strategy (rrf is tiny, stacked is a probability), so bars are relative to the top one.
  const top = Math.max(0, ...res.items.map((i) => i.score));
  list.replaceChildren(...res.items.map((item) => card(item, sources, top, actions, liked.has(item.id))));
}
