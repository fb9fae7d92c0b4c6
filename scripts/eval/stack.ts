// The "stacked" strategy's combiner for one split, fit with the library's trainStacker on that split's validation users
// (models and priors from train minus validation), with features exactly as the fusion worker computes them.
import { type Stacker, type StackerExample, stackerFeatures, trainStacker } from "../../functions/lib/fusion/index.ts";
import type { Recipe } from "./recipe.ts";
import type { EvalUser } from "./users.ts";

/** scripts/train/stacker.ts's options, so the eval's stacker is the recipe that ships. */
const OPTIONS = { epochs: 6, lr: 0.05, l2: 1e-4 };

export function fitStacker(users: readonly EvalUser[], r: Recipe, seed: number): { stacker: Stacker; examples: number; positives: number } {
  const examples: StackerExample[] = [];
  for (const u of users) {
    const { candidates, scores } = r.request(u);
    const rows = stackerFeatures(candidates, scores);
    candidates.forEach((item, c) => {
      examples.push({ features: rows[c] ?? {}, label: u.positives.has(item) ? 1 : 0 });
    });
  }
  const positives = examples.filter((e) => e.label === 1).length;
  return { stacker: trainStacker(examples, { ...OPTIONS, seed }), examples: examples.length, positives };
}
