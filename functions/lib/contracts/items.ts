import { z } from "@hono/zod-openapi";
import { MAX_K, RecommendResponse } from "./recommend.ts";

export const ItemParams = z.object({
  id: z
    .string()
    .regex(/^[1-9]\d{0,9}$/, "item ids are positive integers")
    .transform(Number)
    .openapi({ param: { name: "id", in: "path" }, example: "1" }),
});

export const SimilarQuery = z.object({
  k: z
    .string()
    .regex(/^\d{1,3}$/, `k is an integer from 1 to ${MAX_K}`)
    .transform(Number)
    .pipe(z.number().int().min(1).max(MAX_K))
    .optional()
    .openapi({ param: { name: "k", in: "query" }, example: "10" }),
});

export const Item = z
  .object({ id: z.number().int(), title: z.string(), year: z.number().int().nullable(), genres: z.array(z.string()) })
  .openapi("Item");

export const SimilarResponse = RecommendResponse.extend({ item: Item }).openapi("SimilarResponse");
