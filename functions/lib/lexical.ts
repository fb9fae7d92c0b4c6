// BM25 over movie titles: the encoders pool every token, so a query that names a film ("toy story") is diluted;
// an exact lexical match says what the user typed, and fusion combines both.

const K1 = 1.2;
const B = 0.75;

/** Lowercased, accent-free words: "Amélie (2001)" -> ["amelie", "2001"]. */
export function words(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/\p{Mn}/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

export interface LexicalMatch {
  ids: number[];
  scores: number[];
  /** Share of the query's idf mass that the best document matches: 1 when every query word is in one title. */
  coverage: number;
  /** The same BM25 for any ids (0 for a title that shares no word, null for an id not in the index), without rescoring. */
  score(ids: readonly number[]): (number | null)[];
}

export class LexicalIndex {
  readonly #postings = new Map<string, { row: number; tf: number }[]>();
  readonly #lengths: Uint16Array;
  readonly #avgLength: number;
  readonly #rowOf: Map<number, number>;

  constructor(
    readonly ids: Int32Array,
    texts: readonly string[],
  ) {
    if (ids.length !== texts.length) throw new Error("LexicalIndex: ids and texts differ in length");
    this.#lengths = new Uint16Array(ids.length);
    this.#rowOf = new Map(Array.from(ids, (id, row) => [id, row]));
    let total = 0;
    texts.forEach((text, row) => {
      const counts = new Map<string, number>();
      for (const w of words(text)) counts.set(w, (counts.get(w) ?? 0) + 1);
      for (const [w, tf] of counts) {
        const list = this.#postings.get(w) ?? [];
        list.push({ row, tf });
        this.#postings.set(w, list);
      }
      const length = [...counts.values()].reduce((a, b) => a + b, 0);
      this.#lengths[row] = Math.min(length, 65535);
      total += length;
    });
    this.#avgLength = ids.length > 0 ? total / ids.length : 1;
  }

  #idf(word: string): number {
    const df = this.#postings.get(word)?.length ?? 0;
    return Math.log(1 + (this.ids.length - df + 0.5) / (df + 0.5));
  }

  /** BM25 of every row that shares a word with the query, as a sparse map row -> score, plus per-row matched idf mass. */
  #scoreAll(query: string): { score: Map<number, number>; matched: Map<number, number>; mass: number } {
    const terms = [...new Set(words(query))];
    const score = new Map<number, number>();
    const matched = new Map<number, number>();
    let mass = 0;
    for (const term of terms) {
      const idf = this.#idf(term);
      mass += idf;
      for (const { row, tf } of this.#postings.get(term) ?? []) {
        const norm = tf + K1 * (1 - B + (B * (this.#lengths[row] ?? 0)) / this.#avgLength);
        score.set(row, (score.get(row) ?? 0) + (idf * tf * (K1 + 1)) / norm);
        matched.set(row, (matched.get(row) ?? 0) + idf);
      }
    }
    return { score, matched, mass };
  }

  /** The k best-matching ids among those `eligible` accepts (higher BM25 first, then lower id). */
  search(query: string, k: number, eligible: (id: number) => boolean): LexicalMatch {
    const { score, matched, mass } = this.#scoreAll(query);
    const hits = [...score.entries()]
      .map(([row, s]) => ({ id: this.ids[row] ?? -1, s, row }))
      .filter((h) => eligible(h.id))
      .sort((a, b) => b.s - a.s || a.id - b.id)
      .slice(0, Math.max(0, k));
    const coverage = mass > 0 ? Math.max(0, ...hits.map((h) => (matched.get(h.row) ?? 0) / mass)) : 0;
    const scoreIds = (ids: readonly number[]) =>
      ids.map((id) => {
        const row = this.#rowOf.get(id);
        return row === undefined ? null : (score.get(row) ?? 0);
      });
    return { ids: hits.map((h) => h.id), scores: hits.map((h) => h.s), coverage, score: scoreIds };
  }
}
