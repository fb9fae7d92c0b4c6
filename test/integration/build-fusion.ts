import { execFileSync } from "node:child_process";
import { resolve } from "node:path";

// The fusion worker runs beside the edge as an auxiliary worker, which Miniflare loads as a built bundle.
export default function setup(): void {
  execFileSync(
    process.execPath,
    ["scripts/wrangler.mjs", "deploy", "--dry-run", "--outdir", resolve(".tmp/build/fusion"), "-c", "functions/fusion/wrangler.toml"],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
}
