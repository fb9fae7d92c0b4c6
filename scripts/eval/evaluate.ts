// Runs a scorer over eval users and averages Recall/NDCG/MRR at 10 and 20 (MRR over the full ranking).
import { ndcgAtK, recallAtK, reciprocalRank, topK } from "../../functions/lib/metrics.ts";
import type { Scorer } from "./scorers.ts";
import type { EvalUser } from "./users.ts";

export interface Metrics {
  users: number;
  recall10: number;
  ndcg10: number;
  recall20: number;
  ndcg20: number;
  mrr: number;
  /** Standard error of the mean NDCG@10 across users: with few test users, smaller differences are noise. */
  ndcg10Se: number;
}

export function evaluate(users: readonly EvalUser[], scorer: Scorer): Metrics {
  const sum = { recall10: 0, ndcg10: 0, recall20: 0, ndcg20: 0, mrr: 0 };
  const perUser: number[] = [];
  for (const u of users) {
    const ranked = topK(scorer(u), Number.POSITIVE_INFINITY, u.seen);
    sum.recall10 += recallAtK(ranked, u.positives, 10);
    perUser.push(ndcgAtK(ranked, u.positives, 10));
    sum.ndcg10 += perUser[perUser.length - 1] as number;
    sum.recall20 += recallAtK(ranked, u.positives, 20);
    sum.ndcg20 += ndcgAtK(ranked, u.positives, 20);
    sum.mrr += reciprocalRank(ranked, u.positives);
  }
  const n = Math.max(1, users.length);
  const mean = sum.ndcg10 / n;
  const variance = perUser.reduce((a, x) => a + (x - mean) ** 2, 0) / Math.max(1, n - 1);
  return {
    ndcg10Se: Math.sqrt(variance / n),
    users: users.length,
    recall10: sum.recall10 / n,
    ndcg10: sum.ndcg10 / n,
    recall20: sum.recall20 / n,
    ndcg20: sum.ndcg20 / n,
    mrr: sum.mrr / n,
  };
}

/** Recall@10 counting only positives on items with no train rating (only a content model can reach them). */
export function coldRecall(users: readonly EvalUser[], cold: ReadonlySet<number>, scorer: Scorer): { users: number; recall10: number } {
  const subset = users
    .map((u) => ({ ...u, positives: new Set([...u.positives].filter((i) => cold.has(i))) }))
    .filter((u) => u.positives.size > 0);
  const total = subset.reduce((s, u) => s + recallAtK(topK(scorer(u), 10, u.seen), u.positives, 10), 0);
  return { users: subset.length, recall10: total / Math.max(1, subset.length) };
}
