import { ItemModel } from "../../lib/models/item-model.ts";
import { fileDigest, ItemManifest, TextManifest } from "../../lib/models/manifest.ts";
import { TextModel } from "../../lib/models/text-model.ts";
import { session } from "../../lib/onnx/runtime.ts";
import { WordPieceTokenizer } from "../../lib/tokenizer.ts";

/** The raw files of one model set, wherever they came from (the bundle or the R2 registry). */
export interface ModelFiles {
  text: { manifest: unknown; model: Uint8Array; tokenizer: unknown };
  item: { manifest: unknown; model: Uint8Array; items: unknown };
}

export interface ModelSet {
  text: TextModel;
  item: ItemModel;
  /** id -> version of every model in the set; responses name these so a client can tell which set answered. */
  versions: Record<string, string>;
}

function parseItems(raw: unknown): number[] {
  if (!Array.isArray(raw) || !raw.every((id) => Number.isInteger(id))) throw new Error("items.json must be an array of integer ids");
  return raw as number[];
}

/** Validates manifests and builds sessions; ORT sessions are keyed by the model file's sha256, so a set shares them with any other set. */
export async function loadModelSet(files: ModelFiles): Promise<ModelSet> {
  const textManifest = TextManifest.parse(files.text.manifest);
  const itemManifest = ItemManifest.parse(files.item.manifest);
  const tokenizer = new WordPieceTokenizer(files.text.tokenizer);
  const [textSession, itemSession] = await Promise.all([
    session(fileDigest(textManifest, "model.onnx"), async () => files.text.model),
    session(fileDigest(itemManifest, "model.onnx"), async () => files.item.model),
  ]);
  return {
    text: new TextModel(textManifest, tokenizer, textSession),
    item: new ItemModel(itemManifest, parseItems(files.item.items), itemSession),
    versions: { [textManifest.id]: textManifest.version, [itemManifest.id]: itemManifest.version },
  };
}
