// Bundles both workers exactly as `wrangler deploy` would and fails if either exceeds the Workers Paid upload limit.
import { bundleSize, bundleWorker, LIMIT_GZIP, WORKERS } from "./lib/bundle-size.ts";

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

let failed = false;
for (const worker of WORKERS) {
  process.stderr.write(`bundling ${worker.name} (${worker.config})...\n`);
  const { raw, gzip } = bundleSize(await bundleWorker(worker.config, `dist/${worker.name}`));
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
