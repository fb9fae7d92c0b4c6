import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

const ORT_WASM = "onnxruntime-web/dist/ort-wasm-simd-threaded.wasm";
// Vite enforces package "exports", which do not list the wasm file; wrangler's esbuild resolves it directly.
const ortWasmPath = join(dirname(createRequire(import.meta.url).resolve("onnxruntime-web/wasm")), "ort-wasm-simd-threaded.wasm");

// Two tiers: unit tests run in Node against pure code; integration tests run inside workerd with the real bindings,
// the real fusion worker behind the real service binding, and the real ONNX models.
export default defineConfig({
  test: {
    projects: [
      {
        test: { name: "unit", include: ["test/unit/**/*.test.ts"], environment: "node" },
      },
      {
        resolve: { alias: { [ORT_WASM]: ortWasmPath } },
        plugins: [
          cloudflareTest({
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: {
              // The admin secret tests authenticate with (a Workers secret in production; .dev.vars for `npm start`).
              bindings: { ADMIN_TOKEN: "test-admin-token" },
              workers: [
                {
                  name: "edgefuse-fusion",
                  modules: true,
                  scriptPath: ".tmp/build/fusion/index.js",
                  // wrangler emits the bundled ratings.csv beside the script as a Text module.
                  modulesRules: [{ type: "Text", include: ["**/*.csv"] }],
                  compatibilityDate: "2026-04-20",
                  kvNamespaces: ["SCORES"],
                  // Mirrors functions/fusion/wrangler.toml (Miniflare reads no config for an auxiliary worker).
                  durableObjects: { FEDERATED: { className: "FederatedRounds", useSQLite: true } },
                  // FAULTS turns on the test-only fault switch (functions/fusion/faults.ts); no deployed config sets it.
                  bindings: {
                    FED_CLIP_NORM: "1",
                    FED_NOISE_MULTIPLIER: "1",
                    FED_MIN_PARTICIPANTS: "2",
                    FED_WEIGHT_CAP: "1000",
                    FAULTS: "enabled",
                  },
                },
              ],
            },
          }),
        ],
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          globalSetup: ["test/integration/build-fusion.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        // End to end: a real `wrangler dev` (both workers) driven by headless Chromium; each file starts its own server.
        test: { name: "e2e", include: ["test/e2e/**/*.test.ts"], environment: "node", testTimeout: 180_000, hookTimeout: 180_000 },
      },
    ],
  },
});
