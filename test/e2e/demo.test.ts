// The demo page in headless Chromium against the real dev server: search, pick a movie, re-weight, give feedback.

import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Server, startServer } from "./server.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const SCREENSHOT = resolve(ROOT, "test-results/demo.png");
const WAIT = { timeout: 60_000 };
// The flags the machine notes ask for: no sandbox as root, and nothing that phones home on a closed network.
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

let server: Server | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  // Test the page as it is in web/ now, not a stale bundle from an earlier build.
  execFileSync("npm", ["run", "-s", "build:web"], { cwd: ROOT, stdio: "inherit", timeout: 60_000 });
  [server, browser] = await Promise.all([
    startServer(),
    chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS, timeout: 60_000 }),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const resultIds = (page: Page) => page.locator("#results > li").evaluateAll((els) => els.map((el) => el.getAttribute("data-item-id")));

/** Runs an action and waits until the page has rendered the answer to the request it caused. */
async function settled(page: Page, action: () => Promise<void>): Promise<void> {
  const before = (await page.locator("#results").getAttribute("data-seq")) ?? "0";
  await action();
  // data-seq changes once the answer to the newest request is on screen; data-state says whether it was a success.
  await page.locator(`#results[data-state="ready"]:not([data-seq="${before}"])`).waitFor({ state: "attached", ...WAIT });
}

describe("demo page", () => {
  it("searches, learns from a click, re-ranks on a slider, and sends feedback", async () => {
    if (!server || !browser) throw new Error("setup failed");
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (err) => errors.push(err.message));
    page.on("console", (msg) => {
      if (msg.type() === "error") errors.push(msg.text());
    });
    await page.goto(server.url, WAIT);
    await expect(page.title()).resolves.toBe("edgefuse demo");

    // Zero-shot: a free-text query.
    await settled(page, async () => {
      await page.getByLabel("Describe what you want to watch").fill("animated children adventure");
      await page.keyboard.press("Enter");
    });
    const searched = await resultIds(page);
    expect(searched.length).toBeGreaterThanOrEqual(5);
    await expect(page.locator("#status-models .chip").count()).resolves.toBeGreaterThan(0);
    await expect(page.locator("#status-time").textContent()).resolves.toMatch(/round trip \d+ ms/);
    await expect(page.locator("#results > li").first().locator(".bar-query").count()).resolves.toBe(1);

    // Few-shot: clicking a title adds it to the session; the list now also follows the history, without the picked movie.
    const picked = searched[1] ?? "";
    await settled(page, () => page.locator(`#results > li[data-item-id="${picked}"] button.pick`).click());
    await expect(page.locator("#history > li").count()).resolves.toBe(1);
    const withHistory = await resultIds(page);
    expect(withHistory).not.toEqual(searched);
    expect(withHistory).not.toContain(picked);
    await expect(page.locator("#results > li .bar-collab").count()).resolves.toBeGreaterThan(0);

    // Live re-ranking: the query slider to zero (by keyboard) leaves only the history's models to decide.
    await settled(page, async () => {
      await page.getByRole("slider", { name: "query" }).focus();
      await page.keyboard.press("Home");
    });
    await expect(page.locator("#weight-query").inputValue()).resolves.toBe("0");
    const reweighted = await resultIds(page);
    expect(reweighted).not.toEqual(withHistory);

    // Feedback: like the top movie; the page posts one event and the movie joins the session.
    const top = page.locator("#results > li").first();
    const [request] = await Promise.all([
      page.waitForRequest((r) => r.url().endsWith("/v1/feedback") && r.method() === "POST", WAIT),
      settled(page, () => top.getByRole("button", { name: "Like", exact: true }).click()),
    ]);
    const sent = request.postDataJSON() as { events: { type: string; itemId: number }[] };
    expect(sent.events).toHaveLength(1);
    expect(sent.events[0]?.type).toBe("like");
    await expect(page.locator("#history > li").count()).resolves.toBe(2);
    await page.locator("#status-feedback").filter({ hasText: "like" }).waitFor(WAIT);

    mkdirSync(resolve(ROOT, "test-results"), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    // The README's picture is refreshed on request only, so an ordinary test run leaves the work tree clean.
    if (process.env.UPDATE_DEMO_SCREENSHOT === "1") copyFileSync(SCREENSHOT, resolve(ROOT, "docs/demo.png"));

    // The other controls: a strategy change, skipping a movie, and "more like this" on one.
    await settled(page, async () => {
      await page.getByLabel("Strategy").selectOption("rrf");
    });
    await expect(page.locator("#status-health").textContent()).resolves.toContain("rrf");
    const skipped = (await resultIds(page))[0] ?? "";
    await settled(page, () => page.locator(`#results > li[data-item-id="${skipped}"]`).getByRole("button", { name: "Skip" }).click());
    await expect(resultIds(page)).resolves.not.toContain(skipped);
    const seed = page.locator("#results > li").first();
    const seedTitle = (await seed.locator("button.pick").textContent()) ?? "";
    await settled(page, () => seed.getByRole("button", { name: "More like this" }).click());
    await expect(page.locator("#results-heading").textContent()).resolves.toContain(`More like ${seedTitle}`);
    await expect(page.locator("#results > li").count()).resolves.toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });
});
