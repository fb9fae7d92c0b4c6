// Markdown rendering of the eval, so stdout and reports/eval.md carry the same table.
import type { Metrics } from "./evaluate.ts";

export interface Row {
  method: string;
  m: Metrics;
  cold: number;
}

const f = (x: number): string => x.toFixed(4);

export function table(rows: readonly Row[]): string {
  const head = "| method | Recall@10 | NDCG@10 (± s.e.) | Recall@20 | NDCG@20 | MRR | cold Recall@10 |\n|---|---|---|---|---|---|---|";
  const body = rows.map((r) => `| ${r.method} | ${f(r.m.recall10)} | ${f(r.m.ndcg10)} ± ${f(r.m.ndcg10Se)} | ${f(r.m.recall20)} | ${f(r.m.ndcg20)} | ${f(r.m.mrr)} | ${f(r.cold)} |`);
  return [head, ...body].join("\n");
}

export function lossTable(loss: readonly { name: string; fp32: number; int8: number; relLoss: number }[]): string {
  const head = "| model | fp32 NDCG@10 | int8 NDCG@10 | relative loss |\n|---|---|---|---|";
  return [head, ...loss.map((l) => `| ${l.name} | ${f(l.fp32)} | ${f(l.int8)} | ${(l.relLoss * 100).toFixed(2)}% |`)].join("\n");
}
