// `npm run build:kernel`: rewrites dots.wasm from dots.wat. Commit both; the unit tests check they agree.
import { writeFile } from "node:fs/promises";
import { assemble, WASM } from "./assemble.ts";

const bytes = await assemble();
await writeFile(WASM, bytes);
console.log(`wrote ${WASM.pathname} (${bytes.length} bytes)`);
