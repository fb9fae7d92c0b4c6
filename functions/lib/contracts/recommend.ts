import { z } from "@hono/zod-openapi";

export const MAX_K = 100;
export const MAX_HISTORY = 200;
export const MAX_EXCLUDE = 1000;
export const MAX_QUERY_CHARS = 500;
export const STRATEGIES = ["weighted", "rrf", "vote", "stacked"] as const;

export const ItemId = z.number().int().positive().max(2_147_483_647).openapi({ example: 1 });

const SourceName = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, "source names are lowercase words");

export const Filters = z
  .object({
    genres: z
      .object({
        any: z.array(z.string().min(1).max(40)).max(20).optional(),
        all: z.array(z.string().min(1).max(40)).max(20).optional(),
      })
      .optional(),
    year: z
      .object({ from: z.number().int().min(1800).max(2100).optional(), to: z.number().int().min(1800).max(2100).optional() })
      .refine((y) => y.from === undefined || y.to === undefined || y.from <= y.to, "year.from must not be after year.to")
      .optional(),
  })
  .openapi("Filters");

export const FusionControls = {
  strategy: z.enum(STRATEGIES).optional(),
  weights: z
    .record(SourceName, z.number().min(0, "weights must be >= 0").max(1000))
    .refine((w) => Object.keys(w).length <= 16, "at most 16 weights")
    .optional(),
  explain: z.boolean().default(false),
};

export const RecommendRequest = z
  .object({
    query: z.string().trim().min(1).max(MAX_QUERY_CHARS).optional(),
    history: z
      .array(
        z.object({
          id: ItemId,
          rating: z.number().min(0.5).max(5).optional(),
          weight: z.number().min(-10).max(10).optional(),
        }),
      )
      .max(MAX_HISTORY)
      .optional(),
    userId: z
      .string()
      .regex(/^[\w.:-]{1,64}$/, "userId is 1-64 letters, digits or . _ : -")
      .optional(),
    k: z.number().int().min(1).max(MAX_K).default(10),
    exclude: z.array(ItemId).max(MAX_EXCLUDE).optional(),
    filters: Filters.optional(),
    diversity: z.number().min(0).max(1).optional().openapi({ description: "0 = pure relevance; MMR uses lambda = 1 - diversity" }),
    ...FusionControls,
  })
  .openapi("RecommendRequest");

const Contribution = z.object({ raw: z.number().nullable(), normalized: z.number().nullable(), weight: z.number() });

export const RecommendedItem = z
  .object({
    id: z.number().int(),
    title: z.string(),
    year: z.number().int().nullable(),
    genres: z.array(z.string()),
    score: z.number(),
    rank: z.number().int(),
    explain: z.record(z.string(), Contribution).optional(),
  })
  .openapi("RecommendedItem");

export const RecommendResponse = z
  .object({
    items: z.array(RecommendedItem),
    strategy: z.string(),
    weights: z.record(z.string(), z.number()),
    models: z.record(z.string(), z.string()),
    degraded: z.boolean(),
    reason: z.string().optional(),
    fallback: z.string().optional(),
    warnings: z.array(z.string()),
  })
  .openapi("RecommendResponse");

export type RecommendRequest = z.infer<typeof RecommendRequest>;
export type RecommendResponse = z.infer<typeof RecommendResponse>;
export type Filters = z.infer<typeof Filters>;
