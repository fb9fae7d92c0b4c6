import type { RecommendRequest, RecommendResponse } from "../../lib/contracts/recommend.ts";
import { ApiError } from "../../lib/errors.ts";
import type { CentreFusionInput, FusedItem, Strategy } from "../../lib/fusion/types.ts";
import { mmr } from "../../lib/mmr.ts";
import type { Catalog } from "../catalog/catalog.ts";
import type { CatalogIndexes } from "../catalog/indexes.ts";
import type { ModelSet } from "../models/load.ts";
import { movieFilter } from "./filters.ts";
import { type FusionAnswer, fuseAtCentre, popularAtCentre } from "./fusion-client.ts";
import { CANDIDATES_PER_SOURCE, candidateScores, profile, type Source, titleSource, vectorSource } from "./sources.ts";

export interface Context {
  models: ModelSet;
  indexes: CatalogIndexes;
  catalog: Catalog;
  fusion: EdgeEnv["FUSION"] | undefined;
}

/** MMR needs room to trade relevance for variety: it picks k from this many fused items. */
const MMR_POOL = 4;

async function sourcesFor(req: RecommendRequest, ctx: Context, eligible: (id: number) => boolean, warnings: string[]): Promise<Source[]> {
  const sources: Source[] = [];
  if (req.query) {
    const [vector] = await ctx.models.text.embed([req.query]);
    if (vector) sources.push(vectorSource("query", ctx.indexes.text, vector));
    const title = titleSource(ctx.catalog.titles, req.query, eligible, CANDIDATES_PER_SOURCE);
    if (title) sources.push(title);
  }
  const history = (req.history ?? []).filter((h) => {
    if (ctx.catalog.byId.has(h.id)) return true;
    warnings.push(`history item ${h.id} is not in the catalog and was ignored`);
    return false;
  });
  if (history.length > 0) {
    const content = profile(ctx.indexes.text, history);
    if (content) sources.push(vectorSource("content", ctx.indexes.text, content));
    const collab = profile(ctx.indexes.item, history);
    if (collab) sources.push(vectorSource("collab", ctx.indexes.item, collab));
    if (!content && !collab) warnings.push("the history's weights cancel out; it says nothing about taste");
  }
  return sources;
}

export async function recommend(req: RecommendRequest, ctx: Context): Promise<RecommendResponse> {
  const warnings: string[] = [];
  for (const id of req.exclude ?? []) if (!ctx.catalog.byId.has(id)) warnings.push(`excluded item ${id} is not in the catalog`);
  const blocked = new Set([...(req.exclude ?? []), ...(req.history ?? []).map((h) => h.id)]);
  const keep = movieFilter(req.filters);
  const eligible = (id: number) => {
    if (blocked.has(id)) return false;
    const movie = ctx.catalog.byId.get(id);
    return movie !== undefined && (keep === undefined || keep(movie));
  };
  const sources = await sourcesFor(req, ctx, eligible, warnings);
  if (sources.length === 0) return respond(req, ctx, await coldStart(req, ctx, eligible), warnings);
  const { candidates, scores } = candidateScores(sources, eligible);
  const pool = req.diversity ? Math.min(candidates.length, req.k * MMR_POOL) : req.k;
  const input: CentreFusionInput = {
    candidates,
    scores,
    k: Math.max(1, pool),
    models: ctx.models.versions,
    ...(req.strategy && { strategy: req.strategy }),
    ...(req.weights && { weights: req.weights }),
  };
  const answer: FusionAnswer = candidates.length > 0 ? await fuseAtCentre(ctx.fusion, input) : emptyAnswer(input);
  return respond(req, ctx, answer, warnings);
}

/** No query and no history: the centre's popular items among those the filters allow (an empty list, degraded, without it). */
async function coldStart(req: RecommendRequest, ctx: Context, eligible: (id: number) => boolean): Promise<Answer> {
  const allow = Array.from(ctx.catalog.ids).filter(eligible);
  if (allow.length === 0) return { outcome: { ok: true, strategy: "popular", weights: {}, items: [] }, degraded: false };
  const k = Math.min(allow.length, req.diversity ? req.k * MMR_POOL : req.k);
  const answer = await popularAtCentre(ctx.fusion, { k, allow });
  // The centre only returns allowed ids; filtering again keeps the edge's rules the last word.
  if (answer.outcome.ok) answer.outcome.items = answer.outcome.items.filter((item) => eligible(item.id));
  return answer;
}

function emptyAnswer(input: CentreFusionInput): FusionAnswer {
  return { outcome: { ok: true, strategy: input.strategy ?? "weighted", weights: {}, items: [] }, degraded: false };
}

/** What respond needs from either a fusion or a cold-start answer. */
interface Answer {
  outcome:
    | { ok: true; strategy: Strategy | "popular"; fallback?: string; weights: Record<string, number>; items: FusedItem[] }
    | { ok: false; reason: string };
  degraded: boolean;
  reason?: string;
}

function respond(req: RecommendRequest, ctx: Context, answer: Answer, warnings: string[]): RecommendResponse {
  const { outcome } = answer;
  // The edge builds a valid input itself, so a rejection can only come from the client's strategy or weights.
  if (!outcome.ok) throw new ApiError(400, "invalid_fusion_request", outcome.reason);
  let fused = outcome.items;
  if (req.diversity) {
    const text = ctx.indexes.text;
    const order = mmr(
      fused,
      (id) => {
        const row = text.rowOf(id);
        return row === undefined ? undefined : text.vector(row);
      },
      1 - req.diversity,
      req.k,
    );
    const byId = new Map(fused.map((item) => [item.id, item]));
    fused = order.flatMap((id) => byId.get(id) ?? []);
  }
  const items = fused.slice(0, req.k).map((item, i) => {
    const movie = ctx.catalog.byId.get(item.id);
    return {
      id: item.id,
      title: movie?.title ?? "",
      year: movie?.year ?? null,
      genres: movie?.genres ?? [],
      score: item.score,
      rank: i + 1,
      ...(req.explain && { explain: item.contributions }),
    };
  });
  return {
    items,
    strategy: outcome.strategy,
    weights: outcome.weights,
    models: ctx.models.versions,
    degraded: answer.degraded,
    ...(answer.reason && { reason: answer.reason }),
    ...(outcome.fallback && { fallback: outcome.fallback }),
    warnings,
  };
}
