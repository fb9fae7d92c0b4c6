// Offline metrics travel with the shipped models; `train` keeps them while the config digest is unchanged.
import { readFileSync, writeFileSync } from "node:fs";
import type { Row, SplitResult } from "./methods.ts";
import { metricsSummary } from "./report.ts";
import type { Tuned } from "./tune.ts";

export function writeManifestMetrics(digest: string, command: string, time: SplitResult, random: SplitResult, fusion: Tuned): void {
  const def = (r: SplitResult): Row | undefined => r.rows.find((row) => row.isDefault);
  const targets = [
    ["models/movielens-text", 2, 0],
    ["models/movielens-cf", 3, 1],
  ] as const;
  for (const [dir, row, loss] of targets) {
    const path = `${dir}/manifest.json`;
    const manifest = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
    const t = time.rows[row];
    const r = random.rows[row];
    const tDefault = def(time);
    const rDefault = def(random);
    manifest.metrics = {
      configDigest: digest,
      source: `reports/eval.md (${command})`,
      split: "time split, test = last 10% of the time span",
      users: t?.m.users,
      ...(t && metricsSummary(t.m)),
      int8RelativeNdcgLoss: time.loss[loss]?.relLoss,
      fusion: { ...fusion, ...(tDefault && metricsSummary(tDefault.m)) },
      supplementaryRandomHoldout: {
        users: r?.m.users,
        ...(r && metricsSummary(r.m)),
        fusion: rDefault && metricsSummary(rDefault.m),
      },
    };
    writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
  }
}
