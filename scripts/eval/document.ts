// The whole report as Markdown: what was measured, how the default was chosen, and one table per split.
import type { SplitResult } from "./methods.ts";
import type { Prepared } from "./prepare.ts";
import { lossTable, table, verdict, verdictLine } from "./report.ts";
import type { Tuned, TuneResult } from "./tune.ts";

export interface SplitReport {
  prepared: Prepared;
  result: SplitResult;
  stacker: { examples: number; positives: number; version: string };
}

export interface DocumentInputs {
  command: string;
  header: string;
  tuneSplit: string;
  tunePasses: number;
  tune: TuneResult;
  chosen: Tuned;
  queryWeight: number;
  splits: readonly SplitReport[];
  chart: string;
}

const f = (x: number): string => x.toFixed(4);
const settings = (t: Tuned): string =>
  `${Object.entries(t.weights)
    .map(([s, w]) => `${s} ${w}`)
    .join(", ")}; ${t.normalization}; missing ${t.missing}`;

export function renderDocument(x: DocumentInputs): string {
  const lines = [
    "# Offline evaluation: MovieLens few-shot recommendation",
    "",
    x.header,
    "",
    `Reproduce: \`${x.command}\`. Progress goes to stderr; this report goes to stdout and to the report file. Chart: [eval.svg](${x.chart}).`,
    "",
    "Task: a user's train ratings are the history (rating - 2.5 as pooling weight, as the edge does); every catalog item they did not rate is a candidate; positives are their held-out ratings >= 4.",
    "Each encoder is retrained on the split's train part only (never the shipped models). Fusion rows run the serving recipe: the edge's sources `content` (pooled text vectors) and `collab` (pooled CF vectors) each propose their top 200 unrated items, the union is scored by every source, the priors of `functions/lib/priors.ts` (computed from the train ratings only; unrated items get popularity 0, trending 0, the global mean rating, as `functions/fusion/centre.ts` does) join as sources, and the library's `fuse` ranks them. Source-alone rows rank the whole catalog by that source (for one source its top 20 is the same as within the candidates).",
    "MRR is over each method's full ranking (the fused candidate set for fusion rows, 200-400 items). Coverage@k = share of the catalog in anyone's top k. Cold Recall@k = recall on positives that have no train rating, over the users that have such positives.",
    "",
    "## How the default was chosen",
    "",
    `Coordinate ascent on the **${x.tuneSplit}** split's validation part (carved out of its train part; models, priors and candidates from train minus validation; ${x.tune.users} users; the test part is never read), maximising NDCG@10 of weighted fusion.`,
    `Coordinates in order: normalisation (minmax, zscore, rank), missing policy (renormalize, zero), then each of content, collab, popularity, trending, rating over {0, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1}; a move is kept only if it strictly improves; ${x.tunePasses} pass${x.tunePasses === 1 ? "" : "es"}.`,
    `Start: the previous hand-set default (${settings(x.tune.start.settings)}): validation NDCG@10 ${f(x.tune.start.ndcg10)}. Best after ${x.tune.evaluated} settings: ${f(x.tune.ndcg10)}.`,
    `Chosen (rescaled so the strongest few-shot weight is 1): **${settings(x.chosen)}**. The query weight (${x.queryWeight}) is for zero-shot search and cannot be tuned on few-shot data: it is kept as it was.`,
    "The other weighted rows, rrf and vote use the chosen weights; stacked uses a logistic combiner fit with `trainStacker` on the same split's validation users.",
    "",
  ];
  for (const s of x.splits) {
    const { split, test, validation } = s.prepared;
    lines.push(
      `## ${split.title}`,
      "",
      split.describe,
      `${test.users.length} test users (${validation.users.length} validation users); ${s.result.coldItems} catalog items have no train rating. Stacker: ${s.stacker.examples} validation examples, ${s.stacker.positives} positives (${s.stacker.version}).`,
      "",
      table(s.result.rows),
      "",
      verdictLine(verdict(s.result.rows)),
      "",
      lossTable(s.result.loss),
      "",
    );
    if (test.users.length < 100)
      lines.push(
        `With ${test.users.length} test users the standard errors are large: differences smaller than about two s.e. are not evidence either way.`,
        "",
      );
  }
  return lines.join("\n");
}
