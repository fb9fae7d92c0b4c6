// The embedded default: the models shipped in models/, served whenever the registry in R2 has nothing newer.
import cfItems from "../../../models/movielens-cf/items.json";
import cfManifest from "../../../models/movielens-cf/manifest.json";
import cfModel from "../../../models/movielens-cf/model.onnx";
import textManifest from "../../../models/movielens-text/manifest.json";
import textModel from "../../../models/movielens-text/model.onnx";
import textTokenizer from "../../../models/movielens-text/tokenizer.json";
import type { ModelFiles } from "./load.ts";

export const BUNDLED: ModelFiles = {
  text: { manifest: textManifest, model: new Uint8Array(textModel), tokenizer: textTokenizer },
  item: { manifest: cfManifest, model: new Uint8Array(cfModel), items: cfItems },
};
