import { SELF } from "cloudflare:test";

export interface Item {
  id: number;
  title: string;
  year: number | null;
  genres: string[];
  score: number;
  rank: number;
  explain?: Record<string, { raw: number | null; normalized: number | null; weight: number }>;
}

export interface Recommendation {
  items: Item[];
  strategy: string;
  weights: Record<string, number>;
  models: Record<string, string>;
  degraded: boolean;
  reason?: string;
  fallback?: string;
  warnings: string[];
}

export async function postJson(path: string, body: unknown): Promise<Response> {
  return SELF.fetch(`http://edge${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

export async function recommend(body: unknown): Promise<Recommendation> {
  const res = await postJson("/v1/recommend", body);
  const json = await res.json<Recommendation>();
  if (res.status !== 200) throw new Error(`recommend answered ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

/** Mean pairwise cosine of the items' text vectors (from the real /v1/embed): what MMR is meant to lower. */
export async function intraListSimilarity(items: readonly Item[]): Promise<number> {
  const texts = items.map((i) => `${i.title} ${i.year ?? ""} ${i.genres.join(" ")}`);
  const res = await postJson("/v1/embed", { texts });
  const { vectors } = await res.json<{ vectors: number[][] }>();
  let sum = 0;
  let pairs = 0;
  for (let a = 0; a < vectors.length; a++) {
    for (let b = a + 1; b < vectors.length; b++) {
      sum += (vectors[a] ?? []).reduce((acc, x, d) => acc + x * (vectors[b]?.[d] ?? 0), 0);
      pairs += 1;
    }
  }
  return sum / pairs;
}
