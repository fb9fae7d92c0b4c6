import { describe, expect, it } from "vitest";
import { WordPieceTokenizer } from "../../functions/lib/tokenizer.ts";

const VOCAB = [
  "[PAD]",
  "[UNK]",
  "[CLS]",
  "[SEP]",
  "[MASK]",
  "toy",
  "story",
  "(",
  ")",
  "1995",
  "anim",
  "##ation",
  "##ated",
  "cafe",
  "!",
  "-",
  "sci",
  "fi",
  "東",
  "京",
  "naive",
  "un",
  "##believ",
  "##able",
  "a",
  "b",
];

function bertJson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    normalizer: { type: "BertNormalizer", clean_text: true, handle_chinese_chars: true, strip_accents: true, lowercase: true },
    pre_tokenizer: { type: "BertPreTokenizer" },
    post_processor: {
      type: "TemplateProcessing",
      single: [
        { SpecialToken: { id: "[CLS]", type_id: 0 } },
        { Sequence: { id: "A", type_id: 0 } },
        { SpecialToken: { id: "[SEP]", type_id: 0 } },
      ],
      special_tokens: { "[CLS]": { id: "[CLS]", ids: [2], tokens: ["[CLS]"] }, "[SEP]": { id: "[SEP]", ids: [3], tokens: ["[SEP]"] } },
    },
    model: {
      type: "WordPiece",
      unk_token: "[UNK]",
      continuing_subword_prefix: "##",
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(VOCAB.map((t, i) => [t, i])),
    },
    ...overrides,
  };
}

const tok = new WordPieceTokenizer(bertJson());
const pieces = (text: string): string[] => tok.tokenize(text).map((id) => VOCAB[id] ?? "?");
const ids = (a: BigInt64Array): number[] => Array.from(a, Number);

describe("WordPieceTokenizer", () => {
  it("lowercases, isolates punctuation and adds [CLS]/[SEP]", () => {
    expect(pieces("Toy Story (1995)")).toEqual(["toy", "story", "(", "1995", ")"]);
    const enc = tok.encode(["Toy Story"], 16);
    expect(ids(enc.inputIds)).toEqual([2, 5, 6, 3]);
    expect(ids(enc.attentionMask)).toEqual([1, 1, 1, 1]);
  });

  it("uses ## continuation pieces, longest match first", () => {
    expect(pieces("Animation animated")).toEqual(["anim", "##ation", "anim", "##ated"]);
    expect(pieces("unbelievable")).toEqual(["un", "##believ", "##able"]);
  });

  it("strips accents and normalises unicode before lookup", () => {
    expect(pieces("Café NAÏVE")).toEqual(["cafe", "naive"]);
    // Decomposed input (e + combining acute) ends up identical.
    expect(pieces("cafe\u0301")).toEqual(["cafe"]);
  });

  it("splits CJK ideographs into single characters and treats every ASCII symbol as punctuation", () => {
    expect(pieces("東京")).toEqual(["東", "京"]);
    expect(pieces("sci-fi!")).toEqual(["sci", "-", "fi", "!"]);
    expect(pieces("a$b")).toEqual(["a", "[UNK]", "b"]);
  });

  it("maps a word with any unknown remainder to a single [UNK]", () => {
    expect(pieces("toyz zebra")).toEqual(["[UNK]", "[UNK]"]);
    expect(pieces("x".repeat(101))).toEqual(["[UNK]"]);
  });

  it("drops control characters and treats tabs/newlines as spaces", () => {
    expect(pieces("toy\u0000\tstory\n\u200b")).toEqual(["toy", "story"]);
  });

  it("encodes the empty string as [CLS] [SEP]", () => {
    const enc = tok.encode([""], 8);
    expect(ids(enc.inputIds)).toEqual([2, 3]);
    expect(enc.seq).toBe(2);
  });

  it("truncates very long input to maxLength, keeping [SEP] last", () => {
    const enc = tok.encode(["toy ".repeat(10_000)], 8);
    expect(enc.seq).toBe(8);
    expect(ids(enc.inputIds)).toEqual([2, 5, 5, 5, 5, 5, 5, 3]);
  });

  it("pads a batch to its longest row with [PAD] and mask 0", () => {
    const enc = tok.encode(["toy story 1995", "toy"], 16);
    expect(enc.batch).toBe(2);
    expect(enc.seq).toBe(5);
    expect(ids(enc.inputIds)).toEqual([2, 5, 6, 9, 3, 2, 5, 3, 0, 0]);
    expect(ids(enc.attentionMask)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 0, 0]);
  });

  it("reads BertProcessing post-processors and a null strip_accents like HF (follows lowercase)", () => {
    const t = new WordPieceTokenizer(
      bertJson({
        normalizer: { type: "BertNormalizer", clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
        post_processor: { type: "BertProcessing", cls: ["[CLS]", 2], sep: ["[SEP]", 3] },
      }),
    );
    expect(ids(t.encode(["Café"], 8).inputIds)).toEqual([2, 13, 3]);
  });

  it("rejects tokenizers it cannot reproduce", () => {
    expect(() => new WordPieceTokenizer(bertJson({ model: { type: "BPE", vocab: {} } }))).toThrow(/WordPiece/);
    expect(() => new WordPieceTokenizer(bertJson({ pre_tokenizer: { type: "Metaspace" } }))).toThrow(/BertPreTokenizer/);
    expect(() => tok.encode(["toy"], 2)).toThrow(RangeError);
  });
});
