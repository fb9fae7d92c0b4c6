// BERT-style WordPiece tokenizer for Hugging Face tokenizer.json files; pure TS so it runs in workerd (no fs, no Node APIs).

export interface EncodedBatch {
  inputIds: BigInt64Array;
  attentionMask: BigInt64Array;
  batch: number;
  seq: number;
}

interface NormalizerOptions {
  cleanText: boolean;
  handleChineseChars: boolean;
  stripAccents: boolean;
  lowercase: boolean;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

function fail(message: string): never {
  throw new Error(`tokenizer.json: ${message}`);
}

// Same code-point blocks as the original BERT `_is_chinese_char`: CJK ideographs get spaces around them so each is its own word.
function isCjk(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x2a6df) ||
    (cp >= 0x2a700 && cp <= 0x2b73f) ||
    (cp >= 0x2b740 && cp <= 0x2b81f) ||
    (cp >= 0x2b820 && cp <= 0x2ceaf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x2f800 && cp <= 0x2fa1f)
  );
}

const CONTROL = /\p{C}/u;
const WHITESPACE = /\s/u;
const PUNCT = /\p{P}/u;
const COMBINING_MARKS = /\p{Mn}/gu;

// HF counts every ASCII symbol (e.g. $ + < = > ^ ` | ~) as punctuation, not only Unicode category P.
function isPunctuation(ch: string, cp: number): boolean {
  const ascii = (cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126);
  return ascii || PUNCT.test(ch);
}

function parseNormalizer(raw: unknown): NormalizerOptions | null {
  if (raw === null || raw === undefined) return null;
  if (!isObject(raw) || raw.type !== "BertNormalizer") fail(`unsupported normalizer ${JSON.stringify(raw).slice(0, 80)}`);
  const lowercase = raw.lowercase !== false;
  return {
    cleanText: raw.clean_text !== false,
    handleChineseChars: raw.handle_chinese_chars !== false,
    // HF semantics: a null strip_accents follows `lowercase`.
    stripAccents: typeof raw.strip_accents === "boolean" ? raw.strip_accents : lowercase,
    lowercase,
  };
}

function specialIds(vocab: ReadonlyMap<string, number>, postProcessor: unknown): { prefix: number[]; suffix: number[] } {
  const idOf = (token: string): number => vocab.get(token) ?? fail(`special token ${token} missing from vocab`);
  if (postProcessor === null || postProcessor === undefined) return { prefix: [], suffix: [] };
  if (!isObject(postProcessor)) fail("post_processor must be an object");
  if (postProcessor.type === "BertProcessing") {
    const cls = postProcessor.cls;
    const sep = postProcessor.sep;
    if (!Array.isArray(cls) || !Array.isArray(sep)) fail("BertProcessing needs cls and sep");
    return { prefix: [Number(cls[1])], suffix: [Number(sep[1])] };
  }
  if (postProcessor.type !== "TemplateProcessing") fail(`unsupported post_processor ${String(postProcessor.type)}`);
  const single = postProcessor.single;
  const specials = isObject(postProcessor.special_tokens) ? postProcessor.special_tokens : {};
  if (!Array.isArray(single)) fail("TemplateProcessing.single must be an array");
  const prefix: number[] = [];
  const suffix: number[] = [];
  let seenSequence = false;
  for (const piece of single) {
    if (!isObject(piece)) fail("bad template piece");
    if (isObject(piece.Sequence)) {
      seenSequence = true;
      continue;
    }
    const special = piece.SpecialToken;
    if (!isObject(special) || typeof special.id !== "string") fail("bad template piece");
    const declared = specials[special.id];
    const ids = isObject(declared) && Array.isArray(declared.ids) ? declared.ids.map(Number) : [idOf(special.id)];
    (seenSequence ? suffix : prefix).push(...ids);
  }
  return { prefix, suffix };
}

export class WordPieceTokenizer {
  readonly vocab: ReadonlyMap<string, number>;
  readonly unkId: number;
  readonly padId: number;
  private readonly prefix: readonly number[];
  private readonly suffix: readonly number[];
  private readonly continuation: string;
  private readonly maxCharsPerWord: number;
  private readonly normalizer: NormalizerOptions | null;

  constructor(json: unknown) {
    if (!isObject(json) || !isObject(json.model)) fail("missing model");
    const model = json.model;
    if (model.type !== "WordPiece") fail(`model.type must be WordPiece, got ${String(model.type)}`);
    if (!isObject(model.vocab)) fail("model.vocab must be an object");
    const vocab = new Map<string, number>();
    for (const [token, id] of Object.entries(model.vocab)) {
      if (typeof id !== "number" || !Number.isInteger(id)) fail(`bad id for ${token}`);
      vocab.set(token, id);
    }
    this.vocab = vocab;
    const unk = typeof model.unk_token === "string" ? model.unk_token : "[UNK]";
    this.unkId = vocab.get(unk) ?? fail(`unk_token ${unk} missing from vocab`);
    this.continuation = typeof model.continuing_subword_prefix === "string" ? model.continuing_subword_prefix : "##";
    this.maxCharsPerWord = typeof model.max_input_chars_per_word === "number" ? model.max_input_chars_per_word : 100;
    this.normalizer = parseNormalizer(json.normalizer);
    const pre = json.pre_tokenizer;
    if (pre !== null && pre !== undefined && (!isObject(pre) || pre.type !== "BertPreTokenizer")) {
      fail("only BertPreTokenizer is supported");
    }
    ({ prefix: this.prefix, suffix: this.suffix } = specialIds(vocab, json.post_processor));
    const padding = isObject(json.padding) ? json.padding : null;
    this.padId = typeof padding?.pad_id === "number" ? padding.pad_id : (vocab.get("[PAD]") ?? 0);
  }

  normalize(text: string): string {
    const n = this.normalizer;
    if (n === null) return text;
    let out = "";
    for (const ch of text) {
      const cp = ch.codePointAt(0) ?? 0;
      if (n.cleanText) {
        if (cp === 0 || cp === 0xfffd) continue;
        if (WHITESPACE.test(ch)) {
          out += " ";
          continue;
        }
        if (CONTROL.test(ch)) continue;
      }
      out += n.handleChineseChars && isCjk(cp) ? ` ${ch} ` : ch;
    }
    if (n.stripAccents) out = out.normalize("NFD").replace(COMBINING_MARKS, "");
    return n.lowercase ? out.toLowerCase() : out;
  }

  /** Splits on whitespace and isolates every punctuation character, as BertPreTokenizer does. */
  preTokenize(normalized: string): string[] {
    const words: string[] = [];
    let current = "";
    for (const ch of normalized) {
      const cp = ch.codePointAt(0) ?? 0;
      if (WHITESPACE.test(ch)) {
        if (current) words.push(current);
        current = "";
      } else if (isPunctuation(ch, cp)) {
        if (current) words.push(current);
        words.push(ch);
        current = "";
      } else current += ch;
    }
    if (current) words.push(current);
    return words;
  }

  /** Greedy longest-match-first; a word with any unmatched remainder becomes a single [UNK], like HF. */
  wordPiece(word: string): number[] {
    const chars = Array.from(word);
    if (chars.length > this.maxCharsPerWord) return [this.unkId];
    const ids: number[] = [];
    let start = 0;
    while (start < chars.length) {
      let end = chars.length;
      let found: number | undefined;
      while (end > start) {
        const piece = (start > 0 ? this.continuation : "") + chars.slice(start, end).join("");
        found = this.vocab.get(piece);
        if (found !== undefined) break;
        end -= 1;
      }
      if (found === undefined) return [this.unkId];
      ids.push(found);
      start = end;
    }
    return ids;
  }

  /** Token ids of one text without special tokens. */
  tokenize(text: string): number[] {
    return this.preTokenize(this.normalize(text)).flatMap((w) => this.wordPiece(w));
  }

  /** Truncates each text to maxLength (special tokens included) and pads the batch to its longest row. */
  encode(texts: readonly string[], maxLength: number): EncodedBatch {
    const specials = this.prefix.length + this.suffix.length;
    if (!Number.isInteger(maxLength) || maxLength <= specials) throw new RangeError(`maxLength must exceed ${specials}`);
    const rows = texts.map((t) => [...this.prefix, ...this.tokenize(t).slice(0, maxLength - specials), ...this.suffix]);
    const batch = rows.length;
    const seq = rows.reduce((m, r) => Math.max(m, r.length), 0);
    const inputIds = new BigInt64Array(batch * seq).fill(BigInt(this.padId));
    const attentionMask = new BigInt64Array(batch * seq);
    rows.forEach((row, b) => {
      row.forEach((id, t) => {
        inputIds[b * seq + t] = BigInt(id);
        attentionMask[b * seq + t] = 1n;
      });
    });
    return { inputIds, attentionMask, batch, seq };
  }
}
