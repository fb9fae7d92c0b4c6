// Assembles functions/lib/index/dots.wat into the committed dots.wasm (wabt's parser, the SIMD feature on), and compiles it for Node.
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import wabt from "wabt";

export const WAT = new URL("../../functions/lib/index/dots.wat", import.meta.url);
export const WASM = new URL("../../functions/lib/index/dots.wasm", import.meta.url);

export async function assemble(): Promise<Uint8Array> {
  const tools = await wabt();
  const module = tools.parseWat("dots.wat", await readFile(WAT, "utf8"), { simd: true });
  try {
    module.validate();
    return module.toBinary({}).buffer;
  } finally {
    module.destroy();
  }
}

/** The committed kernel compiled in Node (workerd gets it precompiled through its .wasm import instead). */
export function compileKernel(): WebAssembly.Module {
  // workers-types declares Module abstract and omits compile(); Node has the plain constructor.
  const Module = WebAssembly.Module as unknown as new (bytes: Uint8Array) => WebAssembly.Module;
  return new Module(readFileSync(WASM));
}
