// Public surface of the in-isolate vector index.

export { FORMAT_VERSION } from "./format.ts";
export { Int8Index } from "./int8-index.ts";
export type { SearchOptions, SearchResult, VectorIndex } from "./types.ts";
