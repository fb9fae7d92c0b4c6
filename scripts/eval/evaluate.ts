// Averages Recall/NDCG at 10 and 20, MRR, catalog coverage and cold Recall at 10 and 20 over eval users for one ranker.
import { ndcgAtK, recallAtK, reciprocalRank, topK } from "../../functions/lib/metrics.ts";
import type { Ranker } from "./recipe.ts";
import type { Scorer } from "./scorers.ts";
import type { EvalUser } from "./users.ts";

export interface Metrics {
  users: number;
  recall10: number;
  ndcg10: number;
  recall20: number;
  ndcg20: number;
  /** Over the whole ranking a method returns (the fused candidate set for fusion rows, at least 200 items). */
  mrr: number;
  /** Share of the catalog that appears in at least one user's top 10 (top 20). */
  coverage10: number;
  coverage20: number;
  /** Recall@10 (@20) counting only positives on items with no train rating, over the users that have such positives. */
  coldRecall10: number;
  coldRecall20: number;
  coldUsers: number;
  /** Standard error of the mean NDCG@10 across users: with few test users, smaller differences are noise. */
  ndcg10Se: number;
  /** Per-user NDCG@10 in user order, for paired comparisons between methods. */
  perUser: number[];
}

/** A full-catalog scorer as a ranker: the user's history is never ranked, as the edge blocks it. */
export const ranked =
  (s: Scorer): Ranker =>
  (u) =>
    topK(s(u), Number.POSITIVE_INFINITY, u.seen);

export function evaluateRanker(users: readonly EvalUser[], rank: Ranker, catalogSize: number, cold: ReadonlySet<number>): Metrics {
  const sum = { recall10: 0, ndcg10: 0, recall20: 0, ndcg20: 0, mrr: 0, cold10: 0, cold20: 0 };
  const perUser: number[] = [];
  const shown = new Set<number>();
  const shown20 = new Set<number>();
  let coldUsers = 0;
  for (const u of users) {
    const list = rank(u);
    for (const i of list.slice(0, 10)) shown.add(i);
    for (const i of list.slice(0, 20)) shown20.add(i);
    const ndcg = ndcgAtK(list, u.positives, 10);
    perUser.push(ndcg);
    sum.ndcg10 += ndcg;
    sum.recall10 += recallAtK(list, u.positives, 10);
    sum.recall20 += recallAtK(list, u.positives, 20);
    sum.ndcg20 += ndcgAtK(list, u.positives, 20);
    sum.mrr += reciprocalRank(list, u.positives);
    const coldPositives = new Set([...u.positives].filter((i) => cold.has(i)));
    if (coldPositives.size > 0) {
      coldUsers += 1;
      sum.cold10 += recallAtK(list, coldPositives, 10);
      sum.cold20 += recallAtK(list, coldPositives, 20);
    }
  }
  const n = Math.max(1, users.length);
  return {
    users: users.length,
    recall10: sum.recall10 / n,
    ndcg10: sum.ndcg10 / n,
    recall20: sum.recall20 / n,
    ndcg20: sum.ndcg20 / n,
    mrr: sum.mrr / n,
    coverage10: shown.size / Math.max(1, catalogSize),
    coverage20: shown20.size / Math.max(1, catalogSize),
    coldRecall10: sum.cold10 / Math.max(1, coldUsers),
    coldRecall20: sum.cold20 / Math.max(1, coldUsers),
    coldUsers,
    ndcg10Se: standardError(perUser),
    perUser,
  };
}

export function standardError(xs: readonly number[]): number {
  const n = xs.length;
  if (n < 2) return 0;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  return Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1) / n);
}

/** Mean per-user difference a - b and its standard error: pairing removes the between-user variance both share. */
export function pairedDiff(a: Metrics, b: Metrics): { diff: number; se: number } {
  const d = a.perUser.map((x, i) => x - (b.perUser[i] ?? 0));
  return { diff: d.reduce((s, x) => s + x, 0) / Math.max(1, d.length), se: standardError(d) };
}

/** A full-catalog scorer with no cold set: the form the one-off experiments in experiments/ use. */
export function evaluate(users: readonly EvalUser[], scorer: Scorer): Metrics {
  const first = users[0];
  return evaluateRanker(users, ranked(scorer), first ? scorer(first).length : 0, new Set());
}

/** Recall@10 on positives among `cold` items only, over the users that have such positives. */
export function coldRecall(users: readonly EvalUser[], cold: ReadonlySet<number>, scorer: Scorer): { users: number; recall10: number } {
  const m = evaluateRanker(users, ranked(scorer), 0, cold);
  return { users: m.coldUsers, recall10: m.coldRecall10 };
}
