// One place for every training knob, so `npm run train` and `npm run eval` train the same recipe.
import { createHash } from "node:crypto";
import { CF_DEFAULTS, type CfHyper } from "./cf.ts";
import { TEXT_DEFAULTS, type TextHyper } from "./text.ts";

export interface TrainConfig {
  seed: number;
  vocabSize: number;
  cf: CfHyper;
  text: TextHyper;
}

export const CONFIG: TrainConfig = {
  seed: 42,
  vocabSize: 4000,
  cf: CF_DEFAULTS,
  text: TEXT_DEFAULTS,
};

export function configDigest(config: TrainConfig, ratingsSha: string): string {
  return createHash("sha256").update(JSON.stringify({ config, ratingsSha })).digest("hex").slice(0, 16);
}
