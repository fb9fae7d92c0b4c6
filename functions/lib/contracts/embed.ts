import { z } from "@hono/zod-openapi";

export const MAX_TEXTS = 64;
export const MAX_TEXT_CHARS = 2000;

export const EmbedRequest = z
  .object({
    texts: z
      .array(z.string().min(1, "texts must not be empty strings").max(MAX_TEXT_CHARS, `at most ${MAX_TEXT_CHARS} characters a text`))
      .min(1, "send at least one text")
      .max(MAX_TEXTS, `at most ${MAX_TEXTS} texts a request`),
  })
  .openapi("EmbedRequest");

export const EmbedResponse = z
  .object({
    model: z.string(),
    version: z.string(),
    dims: z.number().int(),
    vectors: z.array(z.array(z.number())),
  })
  .openapi("EmbedResponse");
