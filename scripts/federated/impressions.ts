// What a user "was shown": the union of each source's top candidates, as /v1/recommend builds it, with per-source scores.

import type { Example } from "../../functions/lib/federated/sgd.ts";
import { normalizeColumn } from "../../functions/lib/fusion/index.ts";
import { topK } from "../../functions/lib/metrics.ts";
import { mulberry32 } from "../../functions/lib/random.ts";
import type { Scorer } from "../eval/scorers.ts";
import type { EvalUser } from "../eval/users.ts";
import { SIM_SOURCES, type SimSource } from "./sources.ts";

/** Same as the edge's CANDIDATES_PER_SOURCE, so features and eval see candidate sets of the size serving does. */
export const PER_SOURCE = 200;
/** Unclicked candidates sampled per reaction, standing in for "skip" feedback on what was shown but not chosen. */
export const SKIPS_PER_REACTION = 4;

export interface Impression {
  /** Catalog indices. */
  candidates: number[];
  /** Raw scores per source aligned with candidates; null = that source cannot score the item. */
  scores: Record<SimSource, (number | null)[]>;
}

const finite = (x: number | undefined): number | null => (x !== undefined && Number.isFinite(x) ? x : null);

export function impression(user: EvalUser, scorers: Record<SimSource, Scorer>, extra: readonly number[] = []): Impression {
  const full = SIM_SOURCES.map((s) => scorers[s](user));
  const seen = new Set<number>();
  const candidates: number[] = [];
  const add = (i: number) => {
    if (seen.has(i)) return;
    seen.add(i);
    candidates.push(i);
  };
  for (const scores of full) for (const i of topK(scores, PER_SOURCE, user.seen)) if (Number.isFinite(scores[i])) add(i);
  extra.forEach(add);
  const scores = Object.fromEntries(SIM_SOURCES.map((s, k) => [s, candidates.map((i) => finite(full[k]?.[i]))])) as Impression["scores"];
  return { candidates, scores };
}

export interface Reaction {
  item: number;
  label: 0 | 1;
}

/**
 * Feedback examples as a location would record them: each reaction's per-source minmax-normalised scores among the
 * candidates shown (what explain[source].normalized reports), plus sampled skips of shown-but-unchosen candidates.
 */
export function examplesFor(user: EvalUser, reactions: readonly Reaction[], scorers: Record<SimSource, Scorer>, seed: number): Example[] {
  const imp = impression(
    user,
    scorers,
    reactions.map((r) => r.item),
  );
  const normalized = SIM_SOURCES.map((s) => normalizeColumn(imp.scores[s], "minmax"));
  const row = new Map(imp.candidates.map((c, i) => [c, i]));
  const features = (i: number) => Object.fromEntries(SIM_SOURCES.map((s, k) => [s, normalized[k]?.[i] ?? null]));
  const out: Example[] = reactions.map((r) => ({ scores: features(row.get(r.item) as number), label: r.label }));
  const reacted = new Set(reactions.map((r) => r.item));
  const rng = mulberry32(seed);
  const positives = reactions.filter((r) => r.label === 1).length;
  for (let n = 0; n < positives * SKIPS_PER_REACTION; n++) {
    const i = Math.floor(rng() * imp.candidates.length);
    if (!reacted.has(imp.candidates[i] as number)) out.push({ scores: features(i), label: 0 });
  }
  return out;
}
