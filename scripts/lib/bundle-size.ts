// Bundles a worker exactly as `wrangler deploy` would (dry run) and measures what Workers counts: every uploaded module, raw and gzip.
import { execFile } from "node:child_process";
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { extname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";

/** The Workers Paid plan's upload limit (compressed). */
export const LIMIT_GZIP = 10 * 1024 * 1024;
export const WORKERS = [
  { name: "edge", config: "wrangler.toml" },
  { name: "fusion", config: "functions/fusion/wrangler.toml" },
] as const;

export interface BundleSize {
  raw: number;
  gzip: number;
  /** The uploaded files (no source maps, no wrangler README), absolute paths. */
  files: string[];
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** Runs `wrangler deploy --dry-run` for `config` into `outdir` (made absolute: wrangler resolves a relative one against the config). */
export async function bundleWorker(config: string, outdir: string): Promise<string> {
  const out = resolve(outdir);
  rmSync(out, { recursive: true, force: true });
  try {
    await promisify(execFile)(process.execPath, ["scripts/wrangler.mjs", "deploy", "--dry-run", "--outdir", out, "-c", config]);
  } catch (err) {
    const { stderr, stdout } = err as { stderr?: string; stdout?: string };
    throw new Error(`wrangler deploy --dry-run -c ${config} failed:\n${stderr || stdout || (err as Error).message}`);
  }
  return out;
}

/** Workers counts the whole upload (script plus wasm and data modules), compressed. */
export function bundleSize(outdir: string): BundleSize {
  const files = walk(outdir).filter((f) => !f.endsWith(".map") && !f.endsWith("README.md"));
  const raw = files.reduce((sum, f) => sum + statSync(f).size, 0);
  const gzip = files.reduce((sum, f) => sum + gzipSync(readFileSync(f), { level: 9 }).length, 0);
  return { raw, gzip, files };
}

type ModuleType = "ESModule" | "CompiledWasm" | "Data" | "Text";
const MODULE_TYPES: Record<string, ModuleType> = { ".js": "ESModule", ".wasm": "CompiledWasm", ".onnx": "Data", ".csv": "Text" };

/**
 * Every module a dry-run bundle wrote, typed for Miniflare, the entry first. ORT's bundle contains an import(url), so
 * Miniflare cannot discover the modules itself.
 */
export function miniflareModules(outdir: string, entry: string): { type: ModuleType; path: string }[] {
  const modules = bundleSize(outdir).files.map((path) => {
    const type = MODULE_TYPES[extname(path)];
    if (!type) throw new Error(`${outdir}: no module type for ${path}`);
    return { type, path };
  });
  const main = modules.find((m) => m.path === join(outdir, entry));
  if (!main) throw new Error(`${outdir} has no ${entry}`);
  return [main, ...modules.filter((m) => m !== main)];
}
