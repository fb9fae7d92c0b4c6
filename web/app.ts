// The demo page: zero-shot search, a few-shot session, live re-ranking, and feedback, all against this edge worker's API.

import { type Answer, type FeedbackEvent, type RecommendResponse, recommend, sendFeedback } from "./api.ts";
import { byId } from "./dom.ts";
import { renderHistory, renderSliders, renderStatus, type StatusParts } from "./panels.ts";
import { type ResultActions, renderResults, type Scores } from "./results.ts";
import { BASE_SOURCES, CLICK_RATING, initialState, LIKE_RATING, type Movie, remember, requestBody } from "./state.ts";

const DEBOUNCE_MS = 250;

function sessionUser(): string {
  const saved = sessionStorage.getItem("edgefuse-user");
  if (saved) return saved;
  const id = `demo-${crypto.randomUUID().slice(0, 8)}`;
  sessionStorage.setItem("edgefuse-user", id);
  return id;
}

const state = initialState(sessionUser());
let applied: Record<string, number> = {};
let inFlight: AbortController | null = null;
let debounce: ReturnType<typeof setTimeout> | undefined;
let seq = 0;

const ui = {
  form: byId("search", HTMLFormElement),
  query: byId("query", HTMLInputElement),
  strategy: byId("strategy", HTMLSelectElement),
  sliders: byId("sliders", HTMLDivElement),
  history: byId("history", HTMLOListElement),
  historyCount: byId("history-count", HTMLSpanElement),
  clearHistory: byId("clear-history", HTMLButtonElement),
  heading: byId("results-heading", HTMLHeadingElement),
  back: byId("back", HTMLButtonElement),
  results: byId("results", HTMLOListElement),
  empty: byId("empty", HTMLDivElement),
};
const status: StatusParts = {
  models: byId("status-models", HTMLSpanElement),
  health: byId("status-health", HTMLSpanElement),
  time: byId("status-time", HTMLSpanElement),
  notes: byId("status-notes", HTMLSpanElement),
  feedback: byId("status-feedback", HTMLSpanElement),
};

function feedback(movie: Movie, type: FeedbackEvent["type"], scores: Scores): void {
  const event: FeedbackEvent = { eventId: crypto.randomUUID(), userId: state.userId, itemId: movie.id, type, timestamp: Date.now() };
  if (Object.keys(scores).length > 0) event.scores = scores;
  void sendFeedback(event)
    .then((a) =>
      a.ok
        ? `${type} on “${movie.title}”: ${a.data.accepted} stored at ${a.data.location}`
        : `${type} on “${movie.title}” not stored: ${a.status} ${a.code}`,
    )
    .catch((err: unknown) => `${type} on “${movie.title}” failed: ${String(err)}`)
    .then((note) => {
      status.feedback.textContent = note;
    });
}

const actions: ResultActions = {
  pick(movie, scores) {
    state.seed = null;
    remember(state, movie, CLICK_RATING);
    feedback(movie, "click", scores);
    refresh();
  },
  moreLike(movie) {
    state.seed = movie;
    refresh();
    ui.heading.focus();
  },
  like(movie, scores) {
    state.liked.add(movie.id);
    remember(state, movie, LIKE_RATING);
    feedback(movie, "like", scores);
    refresh();
  },
  skip(movie, scores) {
    state.skipped.add(movie.id);
    feedback(movie, "skip", scores);
    refresh();
  },
};

function renderPanels(): void {
  renderSliders(ui.sliders, state, applied, (name, value) => {
    state.weights.set(name, value);
    state.weightsTouched = true;
    schedule();
  });
  renderHistory(ui.history, ui.historyCount, state, (movie) => {
    state.history = state.history.filter((h) => h.movie.id !== movie.id);
    refresh();
  });
  ui.back.hidden = state.seed === null;
  ui.heading.textContent = state.seed
    ? `More like ${state.seed.title}${state.seed.year ? ` (${state.seed.year})` : ""}`
    : state.history.length > 0
      ? state.query
        ? `For “${state.query}” and your session`
        : "For your session"
      : state.query
        ? `For “${state.query}”`
        : "Recommendations";
}

function schedule(): void {
  clearTimeout(debounce);
  debounce = setTimeout(refresh, DEBOUNCE_MS);
}

async function ask(signal: AbortSignal): Promise<{ answer: Answer<RecommendResponse>; notes: string[] } | null> {
  const body = requestBody(state);
  if (!body) return null;
  const answer = await recommend(body, signal);
  // The weights may name a source this request did not produce (a history the collaborative model does not know): ask once without them.
  if (!answer.ok && answer.code === "invalid_fusion_request" && body.weights) {
    const retry = requestBody(state, false);
    if (retry) return { answer: await recommend(retry, signal), notes: [`weights ignored: ${answer.message}`] };
  }
  return { answer, notes: [] };
}

function refresh(): void {
  clearTimeout(debounce);
  inFlight?.abort();
  const controller = new AbortController();
  inFlight = controller;
  const mine = ++seq;
  renderPanels();
  ui.results.setAttribute("aria-busy", "true");
  ui.results.dataset.state = "loading";
  ask(controller.signal)
    .then((result) => {
      if (mine !== seq) return;
      if (!result) {
        ui.results.replaceChildren();
        ui.empty.hidden = false;
        ui.results.dataset.state = "idle";
        return;
      }
      const { answer, notes } = result;
      renderStatus(status, answer, notes);
      if (answer.ok) {
        applied = answer.data.weights;
        // Until the user moves a slider, the sliders show the server's own weights (largest = 1x), so touching one
        // changes that source alone instead of resetting every other source to 1x.
        if (!state.weightsTouched) {
          const largest = Math.max(0, ...Object.values(applied));
          for (const [name, w] of Object.entries(applied)) state.weights.set(name, largest > 0 ? w / largest : 1);
        }
        state.extraSources = Object.keys(applied).filter((n) => !(BASE_SOURCES as readonly string[]).includes(n));
        renderResults(ui.results, answer.data, actions, state.liked);
        ui.empty.hidden = answer.data.items.length > 0;
        renderPanels();
      }
      ui.results.dataset.state = answer.ok ? "ready" : "error";
    })
    .catch((err: unknown) => {
      if (mine !== seq || controller.signal.aborted) return;
      ui.results.dataset.state = "error";
      status.health.className = "badge error";
      status.health.textContent = `request failed: ${String(err)}`;
    })
    .finally(() => {
      if (mine !== seq) return;
      ui.results.removeAttribute("aria-busy");
      ui.results.dataset.seq = String(mine);
    });
}

ui.form.addEventListener("submit", (event) => {
  event.preventDefault();
  state.query = ui.query.value.trim();
  state.seed = null;
  refresh();
});
ui.strategy.addEventListener("change", () => {
  state.strategy = ui.strategy.value as typeof state.strategy;
  refresh();
});
ui.clearHistory.addEventListener("click", () => {
  state.history = [];
  state.seed = null;
  refresh();
});
ui.back.addEventListener("click", () => {
  state.seed = null;
  refresh();
});
for (const example of document.querySelectorAll<HTMLButtonElement>("button[data-example]")) {
  example.addEventListener("click", () => {
    ui.query.value = example.dataset.example ?? "";
    ui.form.requestSubmit();
  });
}
renderPanels();
