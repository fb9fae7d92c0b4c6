import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { CLIENT_ERRORS, ErrorResponse, json } from "../../lib/contracts/common.ts";
import { Item, ItemParams, SimilarQuery, SimilarResponse } from "../../lib/contracts/items.ts";
import { ApiError } from "../../lib/errors.ts";
import { catalog } from "../catalog/catalog.ts";
import { catalogIndexes } from "../catalog/indexes.ts";
import { conditional } from "../http/etag.ts";
import { modelsFor } from "../http/models.ts";
import type { AppEnv } from "../http/types.ts";
import { rejectInvalid } from "../http/validation.ts";
import { recommend } from "../recommend/pipeline.ts";

const NOT_FOUND = { 404: json(ErrorResponse, "No such item"), 304: { description: "Not modified" } } as const;

const itemRoute = createRoute({
  method: "get",
  path: "/v1/items/{id}",
  summary: "One catalog item",
  request: { params: ItemParams },
  responses: { 200: json(Item, "The item"), ...NOT_FOUND, 400: CLIENT_ERRORS[400] },
});

const similarRoute = createRoute({
  method: "get",
  path: "/v1/items/{id}/similar",
  summary: "More like this: items similar to one item, fused across the text and collaborative models",
  request: { params: ItemParams, query: SimilarQuery },
  responses: { 200: json(SimilarResponse, "Similar items, best first"), ...NOT_FOUND, 400: CLIENT_ERRORS[400] },
});

async function movieOr404(id: number) {
  const cat = await catalog();
  const movie = cat.byId.get(id);
  if (!movie) throw new ApiError(404, "item_not_found", `No item with id ${id}`);
  return { cat, movie };
}

export const items = new OpenAPIHono<AppEnv>({ defaultHook: rejectInvalid })
  .openapi(itemRoute, async (c) => {
    const { cat, movie } = await movieOr404(c.req.valid("param").id);
    const notModified = conditional(c, [cat.digest, String(movie.movieId)]);
    if (notModified) return notModified;
    return c.json({ id: movie.movieId, title: movie.title, year: movie.year, genres: movie.genres }, 200);
  })
  .openapi(similarRoute, async (c) => {
    const { id } = c.req.valid("param");
    const k = c.req.valid("query").k ?? 10;
    const { cat, movie } = await movieOr404(id);
    const models = await modelsFor(c);
    const notModified = conditional(c, [cat.digest, JSON.stringify(models.versions), `similar:${id}:${k}`]);
    if (notModified) return notModified;
    const indexes = await catalogIndexes(c.env, models);
    const body = await recommend(
      { history: [{ id, weight: 1 }], k, explain: false },
      { models, indexes, catalog: cat, fusion: c.env.FUSION },
    );
    // A degraded answer must not be cached as if it were the real one.
    if (body.degraded) c.header("Cache-Control", "no-store");
    const item = { id: movie.movieId, title: movie.title, year: movie.year, genres: movie.genres };
    return c.json({ ...body, item }, 200);
  });
