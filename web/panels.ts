// The side panels and the status strip: weight sliders, the session history, and what the last request cost and used.

import type { Answer, RecommendResponse } from "./api.ts";
import { fmt, h } from "./dom.ts";
import { sourceClass } from "./results.ts";
import { BASE_SOURCES, expectedSources, type Movie, type State } from "./state.ts";

export const WEIGHT_MAX = 3;

export function renderSliders(
  box: HTMLElement,
  s: State,
  applied: Record<string, number>,
  onInput: (name: string, value: number) => void,
): void {
  const names = [...new Set([...BASE_SOURCES, ...s.extraSources])];
  const inPlay = new Set(expectedSources(s));
  box.replaceChildren(
    ...names.map((name) => {
      const id = `weight-${name}`;
      const value = s.weights.get(name) ?? 1;
      const share = applied[name];
      const out = h("output", { for: id, id: `${id}-out` }, `${value.toFixed(1)}×`);
      const note = h(
        "span",
        { class: "applied" },
        share === undefined ? (inPlay.has(name) ? "" : "not in play") : `applied ${(share * 100).toFixed(0)}%`,
      );
      const input = h("input", { type: "range", id, name, min: 0, max: WEIGHT_MAX, step: 0.1, value, "aria-describedby": `${id}-out` });
      input.addEventListener("input", () => {
        out.textContent = `${Number(input.value).toFixed(1)}×`;
        onInput(name, Number(input.value));
      });
      return h(
        "div",
        { class: `slider src-${sourceClass(name)}${inPlay.has(name) ? "" : " idle"}` },
        h("label", { for: id }, name),
        input,
        out,
        note,
      );
    }),
  );
}

export function renderHistory(list: HTMLElement, count: HTMLElement, s: State, remove: (m: Movie) => void): void {
  count.textContent = String(s.history.length);
  list.replaceChildren(
    ...s.history.map(({ movie, rating }) =>
      h(
        "li",
        { "data-item-id": movie.id },
        h("span", { class: "history-title" }, movie.year ? `${movie.title} (${movie.year})` : movie.title),
        h("span", { class: "stars", title: `rated ${rating} of 5` }, `${rating}★`),
        h(
          "button",
          { type: "button", class: "remove", "aria-label": `Remove ${movie.title} from your session`, onclick: () => remove(movie) },
          "×",
        ),
      ),
    ),
  );
}

function timing(answer: Answer<unknown>): string {
  const rt = `round trip ${answer.timing.roundTripMs.toFixed(0)} ms`;
  const server = answer.timing.server;
  if (server.length === 0) return `${rt} · no Server-Timing header`;
  const total = server.find((e) => e.name === "total")?.dur ?? server.reduce((sum, e) => sum + e.dur, 0);
  return `${rt} · server ${fmt(total, 1)} ms (${server.map((e) => `${e.name} ${fmt(e.dur, 1)}`).join(", ")})`;
}

export interface StatusParts {
  models: HTMLElement;
  health: HTMLElement;
  time: HTMLElement;
  notes: HTMLElement;
  feedback: HTMLElement;
}

export function renderStatus(parts: StatusParts, answer: Answer<RecommendResponse>, notes: string[]): void {
  parts.time.textContent = timing(answer);
  if (!answer.ok) {
    parts.health.className = "badge error";
    parts.health.textContent = `error ${answer.status}: ${answer.code}`;
    parts.notes.textContent = [answer.message, ...notes].join(" · ");
    return;
  }
  const res = answer.data;
  parts.models.replaceChildren(
    ...Object.entries(res.models).map(([name, version]) => h("span", { class: "chip" }, h("b", {}, name), ` ${version}`)),
  );
  parts.health.className = res.degraded ? "badge degraded" : "badge ok";
  parts.health.textContent = `${res.degraded ? `degraded (${res.reason ?? "no reason given"}), fused at the edge` : "fused centrally"} · ${res.strategy}`;
  const fallback = res.fallback ? [`fell back: ${res.fallback}`] : [];
  parts.notes.textContent = [...fallback, ...res.warnings, ...notes].join(" · ");
}
