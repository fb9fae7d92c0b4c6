import { z } from "@hono/zod-openapi";

export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .openapi("Error");

const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { "application/json": { schema } }, description });

/** The error responses every JSON route can give, so the OpenAPI document lists them once per route without repetition. */
export const CLIENT_ERRORS = {
  400: json(ErrorResponse, "Invalid request"),
  413: json(ErrorResponse, "Body too large"),
  415: json(ErrorResponse, "Body is not JSON"),
} as const;

export { json };
