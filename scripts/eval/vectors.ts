// Catalog-aligned vectors from freshly trained (never shipped) models: int8 through onnxruntime-web, fp32 from the trainer.
import { l2normalize } from "../../functions/lib/pooling.ts";
import type { WordPieceTokenizer } from "../../functions/lib/tokenizer.ts";
import { embedItems, quantizeCf } from "../export/cf.ts";
import { embedTexts, quantizeText } from "../export/text.ts";
import type { Movie } from "../lib/movielens.ts";
import { movieText } from "../lib/movielens.ts";
import { loadSession } from "../lib/ort-node.ts";
import { pooledText } from "../lib/text-model.ts";
import type { Trained } from "../train/pipeline.ts";
import { encoder } from "../train/pipeline.ts";

export interface CatalogVectors {
  text: Float32Array[];
  cf: (Float32Array | null)[];
}

export async function catalogVectors(
  t: Trained,
  movies: readonly Movie[],
  tok: WordPieceTokenizer,
  maxLength: number,
): Promise<{ int8: CatalogVectors; fp32: CatalogVectors }> {
  const texts = movies.map(movieText);
  const textInt8 = await embedTexts(await loadSession(quantizeText(t.text).onnx), tok, texts, maxLength);
  const encode = encoder(tok, maxLength);
  const textFp32 = texts.map((s) => l2normalize(pooledText(t.text, encode(s))));
  const dims = t.text.dims;
  const rows = t.items.map((_, i) => i);
  const cfInt8Rows = await embedItems(await loadSession(quantizeCf(t.cfTable, rows.length, dims).onnx), rows);
  const rowOf = new Map(t.items.map((m, i) => [m, i]));
  const align = (get: (row: number) => Float32Array) =>
    movies.map((m) => {
      const r = rowOf.get(m.movieId);
      return r === undefined ? null : get(r);
    });
  return {
    int8: { text: textInt8, cf: align((r) => cfInt8Rows[r] as Float32Array) },
    fp32: { text: textFp32, cf: align((r) => t.cfTable.slice(r * dims, (r + 1) * dims)) },
  };
}
