// `npm run eval -- --quick` end to end: the report keeps its shape and every metric is a finite rate. Never a quality bar.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const out = mkdtempSync(join(tmpdir(), "eval-quick-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Numbers in the body rows of every metrics table (the cells after the method name). */
function tableNumbers(md: string): number[] {
  return md
    .split("\n")
    .filter((l) => l.startsWith("| ") && !l.startsWith("| method") && !l.startsWith("| encoder"))
    .flatMap((l) => l.split("|").slice(2, -1))
    .flatMap((cell) => cell.split("±"))
    .filter((cell) => !cell.includes("%"))
    .map((cell) => Number(cell.trim()));
}

describe("npm run eval -- --quick", () => {
  it("writes the report and chart with every section, and every metric finite in [0, 1]", async () => {
    const { stdout } = await run("npx", ["tsx", "scripts/eval/index.ts", "--quick", "--no-cache", "--out", out], {
      maxBuffer: 16 * 1024 * 1024,
    });
    const md = readFileSync(join(out, "eval.md"), "utf8");
    expect(stdout).toBe(md);
    for (const heading of ["## How the default was chosen", "## Primary: global time split", "## Supplementary: random holdout"]) {
      expect(md).toContain(heading);
    }
    for (const method of [
      "popularity (count)",
      "ItemKNN (cosine)",
      "content alone",
      "collab alone",
      "rrf",
      "vote",
      "stacked",
      "(new default)",
    ]) {
      expect(md).toContain(method);
    }
    expect(md.match(/Default vs the best single source/g)).toHaveLength(2);
    const numbers = tableNumbers(md);
    expect(numbers.length).toBeGreaterThan(100);
    for (const x of numbers) {
      expect(Number.isFinite(x)).toBe(true);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(1);
    }
    const svg = readFileSync(join(out, "eval.svg"), "utf8");
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("NDCG@10");
    expect(svg).not.toContain("NaN");
  }, 180_000);
});
