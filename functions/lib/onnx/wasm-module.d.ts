// wrangler's CompiledWasm rule turns a .wasm import into a precompiled module (workerd forbids compiling bytes at run time).
declare module "*.wasm" {
  const module: WebAssembly.Module;
  export default module;
}
