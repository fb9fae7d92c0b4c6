// Bundles both workers exactly as `wrangler deploy` would and fails if either exceeds the Workers Paid upload limit.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";

const LIMIT_GZIP = 10 * 1024 * 1024;
const WORKERS = [
  { name: "edge", config: "wrangler.toml" },
  { name: "fusion", config: "functions/fusion/wrangler.toml" },
];

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

let failed = false;
for (const worker of WORKERS) {
  // wrangler resolves a relative --outdir against the config file's folder, not the working directory.
  const outdir = resolve("dist", worker.name);
  rmSync(outdir, { recursive: true, force: true });
  process.stderr.write(`bundling ${worker.name} (${worker.config})...\n`);
  execFileSync(process.execPath, ["scripts/wrangler.mjs", "deploy", "--dry-run", "--outdir", outdir, "-c", worker.config], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  // Workers counts the whole upload (script plus wasm and data modules), compressed.
  const parts = files(outdir).filter((f) => !f.endsWith(".map") && !f.endsWith("README.md"));
  const raw = parts.reduce((sum, f) => sum + statSync(f).size, 0);
  const gzip = parts.reduce((sum, f) => sum + gzipSync(readFileSync(f), { level: 9 }).length, 0);
  const ok = gzip <= LIMIT_GZIP;
  failed ||= !ok;
  console.log(
    `${worker.name.padEnd(7)} raw ${mb(raw).padStart(9)}  gzip ${mb(gzip).padStart(9)}  limit ${mb(LIMIT_GZIP)}  ${ok ? "ok" : "TOO LARGE"}`,
  );
}
if (failed) {
  console.error("A bundle exceeds the Workers Paid limit of 10 MB gzip.");
  process.exit(1);
}
