// Command-line options of `npm run eval`: the full run, or --quick (a tiny configuration CI can afford on every push).
import { CONFIG, type TrainConfig } from "../train/config.ts";

export interface EvalOptions {
  quick: boolean;
  /** Reuse vectors of eval models trained before with the same digest (.tmp/eval-cache/). */
  cache: boolean;
  /** Where eval.md and eval.svg go; the full run also refreshes the offline metrics in models/<id>/manifest.json. */
  outDir: string;
  train: TrainConfig;
  /** Keep only the most-rated movies (and their ratings); 0 keeps the whole catalog. */
  catalogLimit: number;
  /** At most this many test and validation users per split (the first by user id); 0 keeps all. */
  maxUsers: number;
  /** Coordinate-ascent passes over the weights. */
  tunePasses: number;
}

export function parseOptions(argv: readonly string[]): EvalOptions {
  const known = new Set(["--quick", "--no-cache", "--out"]);
  for (const a of argv) if (a.startsWith("--") && !known.has(a)) throw new Error(`unknown option ${a} (known: ${[...known].join(", ")})`);
  const quick = argv.includes("--quick");
  const out = argv.indexOf("--out");
  const outDir = out >= 0 ? (argv[out + 1] ?? "") : quick ? ".tmp/eval-quick" : "reports";
  if (outDir === "" || outDir.startsWith("--")) throw new Error("--out needs a directory");
  // Quick: one epoch of each model on a small catalog; only proves the pipeline runs end to end.
  const train: TrainConfig = quick ? { ...CONFIG, cf: { ...CONFIG.cf, epochs: 1 }, text: { ...CONFIG.text, epochs: 1 } } : CONFIG;
  return {
    quick,
    cache: !argv.includes("--no-cache"),
    outDir,
    train,
    catalogLimit: quick ? 600 : 0,
    maxUsers: quick ? 40 : 0,
    tunePasses: quick ? 1 : 2,
  };
}
