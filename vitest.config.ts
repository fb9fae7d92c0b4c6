import { defineConfig } from "vitest/config";

// Unit tests run in Node against pure code; integration tests run inside workerd (see vitest.workers.config.ts).
export default defineConfig({
  test: {
    include: ["test/unit/**/*.test.ts"],
    environment: "node",
  },
});
