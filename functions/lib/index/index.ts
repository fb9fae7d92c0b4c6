// Public surface of the in-isolate vector index.
export { Int8Index } from "./int8-index.ts";
export { FORMAT_VERSION } from "./format.ts";
export type { SearchOptions, SearchResult, VectorIndex } from "./types.ts";
