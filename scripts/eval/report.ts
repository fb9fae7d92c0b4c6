// Markdown rendering of the eval, so stdout and reports/eval.md carry the same tables.
import { type Metrics, pairedDiff } from "./evaluate.ts";
import type { Row, SplitResult } from "./methods.ts";

const f = (x: number): string => x.toFixed(4);

export function table(rows: readonly Row[]): string {
  const head =
    "| method | Recall@10 | NDCG@10 (± s.e.) | Recall@20 | NDCG@20 | MRR | coverage@10 | coverage@20 | cold Recall@10 | cold Recall@20 |\n|---|---|---|---|---|---|---|---|---|---|";
  const body = rows.map((r) => {
    const m = r.m;
    const name = r.isDefault ? `**${r.method}**` : r.method;
    return `| ${name} | ${f(m.recall10)} | ${f(m.ndcg10)} ± ${f(m.ndcg10Se)} | ${f(m.recall20)} | ${f(m.ndcg20)} | ${f(m.mrr)} | ${f(m.coverage10)} | ${f(m.coverage20)} | ${f(m.coldRecall10)} | ${f(m.coldRecall20)} |`;
  });
  return [head, ...body].join("\n");
}

export function lossTable(loss: SplitResult["loss"]): string {
  const head = "| encoder alone | fp32 NDCG@10 | int8 NDCG@10 | relative loss |\n|---|---|---|---|";
  return [head, ...loss.map((l) => `| ${l.name} | ${f(l.fp32)} | ${f(l.int8)} | ${(l.relLoss * 100).toFixed(2)}% |`)].join("\n");
}

export interface Verdict {
  defaultRow: Row;
  bestSource: Row;
  diff: number;
  se: number;
  beats: boolean;
}

/** The bar: the default against the best single fusion source on held-out NDCG@10, with the paired s.e. */
export function verdict(rows: readonly Row[]): Verdict | undefined {
  const defaultRow = rows.find((r) => r.isDefault);
  const sources = rows.filter((r) => r.group === "source");
  const bestSource = sources.reduce<Row | undefined>((a, b) => (a === undefined || b.m.ndcg10 > a.m.ndcg10 ? b : a), undefined);
  if (!defaultRow || !bestSource) return undefined;
  const { diff, se } = pairedDiff(defaultRow.m, bestSource.m);
  return { defaultRow, bestSource, diff, se, beats: diff > 0 };
}

export function verdictLine(v: Verdict | undefined): string {
  if (!v) return "";
  const z = v.se > 0 ? v.diff / v.se : Number.POSITIVE_INFINITY;
  const strength = !v.beats
    ? "does NOT beat it"
    : z >= 2
      ? "beats it by more than two paired s.e."
      : "is ahead, but by less than two paired s.e. (not evidence either way)";
  return (
    `Default vs the best single source (${v.bestSource.method}): NDCG@10 ${f(v.defaultRow.m.ndcg10)} ± ${f(v.defaultRow.m.ndcg10Se)} vs ` +
    `${f(v.bestSource.m.ndcg10)} ± ${f(v.bestSource.m.ndcg10Se)}; paired difference ${v.diff >= 0 ? "+" : ""}${f(v.diff)} ± ${f(v.se)}: the default ${strength}.`
  );
}

export function metricsSummary(m: Metrics): Record<string, number> {
  return {
    recall10: m.recall10,
    ndcg10: m.ndcg10,
    recall20: m.recall20,
    ndcg20: m.ndcg20,
    mrr: m.mrr,
    coverage10: m.coverage10,
    coverage20: m.coverage20,
    coldRecall10: m.coldRecall10,
    coldRecall20: m.coldRecall20,
  };
}
