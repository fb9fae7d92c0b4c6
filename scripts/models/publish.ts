// Publishes models/ to the model registry in R2: every file of each model under models/<id>/<version>/, then registry.json.
// Local by default (the same .wrangler/state that `npm start` uses); `--remote` publishes to the bucket of your Cloudflare account.
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const BUCKET = "edgefuse-models";
const KINDS = { text: "movielens-text", item: "movielens-cf" } as const;
const remote = process.argv.includes("--remote");
const target = remote ? ["--remote"] : ["--local", "--persist-to", ".wrangler/state"];

function put(key: string, file: string): void {
  execFileSync(
    process.execPath,
    ["scripts/wrangler.mjs", "r2", "object", "put", `${BUCKET}/${key}`, "--file", file, "-c", "wrangler.toml", ...target],
    {
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
}

const published: Record<string, { id: string; version: string }> = {};
for (const [kind, id] of Object.entries(KINDS)) {
  const dir = join("models", id);
  const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as { id: string; version: string };
  const files = readdirSync(dir);
  files.forEach((name, i) => {
    process.stderr.write(`[${kind}] ${manifest.id}@${manifest.version} ${i + 1}/${files.length} ${name}\n`);
    put(`models/${manifest.id}/${manifest.version}/${name}`, join(dir, name));
  });
  published[kind] = { id: manifest.id, version: manifest.version };
}
mkdirSync(".tmp", { recursive: true });
const registry = join(".tmp", "registry.json");
writeFileSync(registry, JSON.stringify({ published, publishedAt: new Date().toISOString() }, null, 2));
put("registry.json", registry);
console.log(
  `published ${Object.values(published)
    .map((m) => `${m.id}@${m.version}`)
    .join(", ")} to ${remote ? "the remote" : "the local"} bucket ${BUCKET}`,
);
console.log("edges pick it up at the next refresh (cron */5), within 30 s of activation per isolate");
