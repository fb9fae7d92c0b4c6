// `npm run bench -- --quick` keeps working: it bundles, starts workerd and wrangler dev, drives them and writes every report
// section. Nothing here looks at a speed; the figures of a tiny run on a busy CI machine mean nothing.

import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const SECTIONS = ["Encoder latency", "Top-k scan", "HTTP load", "Cold start", "Bundle sizes", "Memory", "Method"];

let dir = "";
afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const tsx = createRequire(import.meta.url).resolve("tsx/cli");
  const child = spawn(process.execPath, [tsx, "scripts/bench/index.ts", ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => {
    stdout += c.toString();
  });
  child.stderr.on("data", (c: Buffer) => {
    stderr = (stderr + c.toString()).slice(-20_000);
  });
  return new Promise((done) => child.on("close", (code) => done({ code, stdout, stderr })));
}

it("bench --quick completes and writes every report section", async () => {
  dir = await mkdtemp(join(tmpdir(), "edgefuse-bench-quick-"));
  const out = join(dir, "bench.md");
  const { code, stdout, stderr } = await run(["--quick", "--out", out]);
  expect(code, stderr).toBe(0);
  const report = await readFile(out, "utf8");
  expect(report).toMatch(/^# Benchmarks/);
  expect(report).toMatch(/Machine: .+ cores/);
  expect(report).toContain("npm run bench -- --quick");
  for (const section of SECTIONS) expect(report).toMatch(new RegExp(`^## ${section}`, "m"));
  for (const section of SECTIONS.slice(0, -1)) expect(stdout).toMatch(new RegExp(`^## ${section}`, "m"));
  // Both runtimes scanned the same bytes to the same top-k, and every load request got a 2xx.
  expect(report).not.toMatch(/\| NO \|/);
  expect(report).toMatch(/POST \/v1\/recommend query \| 1 \|/);
  expect(stderr).toContain("wrote");
});
