// Learns a WordPiece vocab the way HF `tokenizers` does: BPE merges on words split into first char + "##" chars.
import { WordPieceTokenizer } from "../../functions/lib/tokenizer.ts";

export const SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] as const;

const BASE_CONFIG = {
  normalizer: { type: "BertNormalizer", clean_text: true, handle_chinese_chars: true, strip_accents: true, lowercase: true },
  pre_tokenizer: { type: "BertPreTokenizer" },
};

/** Words as the runtime tokenizer sees them (normalised + pre-tokenised), counted. */
function wordCounts(texts: readonly string[]): Map<string, number> {
  const probe = new WordPieceTokenizer(tokenizerJson(new Map(SPECIALS.map((t, i) => [t, i]))));
  const counts = new Map<string, number>();
  for (const t of texts) for (const w of probe.preTokenize(probe.normalize(t))) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}

export function trainWordPiece(texts: readonly string[], vocabSize: number, minFrequency = 2): Map<string, number> {
  const counts = wordCounts(texts);
  const words = [...counts.entries()].map(([w, c]) => ({
    pieces: Array.from(w).map((ch, i) => (i === 0 ? ch : `##${ch}`)),
    count: c,
  }));
  const vocab: string[] = [...SPECIALS];
  const seen = new Set<string>(vocab);
  const alphabet = [...new Set(words.flatMap((w) => w.pieces))].sort();
  for (const p of alphabet) if (!seen.has(p)) vocab.push(p), seen.add(p);
  const join = (a: string, b: string): string => a + b.replace(/^##/, "");
  while (vocab.length < vocabSize) {
    const pairs = new Map<string, number>();
    for (const w of words) {
      for (let i = 0; i + 1 < w.pieces.length; i++) {
        const key = `${w.pieces[i]}\u0000${w.pieces[i + 1]}`;
        pairs.set(key, (pairs.get(key) ?? 0) + w.count);
      }
    }
    let best = "";
    let bestCount = 0;
    // Ties broken by the key so the vocab does not depend on Map insertion order.
    for (const [k, c] of pairs) if (c > bestCount || (c === bestCount && k < best)) (best = k), (bestCount = c);
    if (bestCount < minFrequency) break;
    const [a, b] = best.split("\u0000") as [string, string];
    const merged = join(a, b);
    if (!seen.has(merged)) vocab.push(merged), seen.add(merged);
    for (const w of words) {
      for (let i = 0; i + 1 < w.pieces.length; i++) {
        if (w.pieces[i] === a && w.pieces[i + 1] === b) w.pieces.splice(i, 2, merged);
      }
    }
  }
  return new Map(vocab.map((t, i) => [t, i]));
}

export function tokenizerJson(vocab: ReadonlyMap<string, number>): Record<string, unknown> {
  const special = (content: string) => ({
    id: vocab.get(content),
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  });
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: SPECIALS.map(special),
    ...BASE_CONFIG,
    post_processor: {
      type: "TemplateProcessing",
      single: [
        { SpecialToken: { id: "[CLS]", type_id: 0 } },
        { Sequence: { id: "A", type_id: 0 } },
        { SpecialToken: { id: "[SEP]", type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: "[CLS]", type_id: 0 } },
        { Sequence: { id: "A", type_id: 0 } },
        { SpecialToken: { id: "[SEP]", type_id: 0 } },
        { Sequence: { id: "B", type_id: 1 } },
        { SpecialToken: { id: "[SEP]", type_id: 1 } },
      ],
      special_tokens: Object.fromEntries(["[CLS]", "[SEP]"].map((t) => [t, { id: t, ids: [vocab.get(t)], tokens: [t] }])),
    },
    decoder: { type: "WordPiece", prefix: "##", cleanup: true },
    model: {
      type: "WordPiece",
      unk_token: "[UNK]",
      continuing_subword_prefix: "##",
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab),
    },
  };
}
