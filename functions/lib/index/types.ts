// The seam between callers and whatever holds the item vectors (in-isolate int8 today, Vectorize maybe later).

export interface SearchOptions {
  /** Item ids never to return (e.g. already seen). */
  exclude?: ReadonlySet<number>;
  /**
   * Row-level filter; a row is eligible only if this returns true. Must be pure: the scan
   * only asks about rows whose score could still enter the top-k, so it is not called for every row.
   */
  allow?: (row: number) => boolean;
}

/** Parallel arrays, best first: higher score, then lower row on exact ties. */
export interface SearchResult {
  ids: Int32Array;
  rows: Int32Array;
  scores: Float32Array;
}

export interface VectorIndex {
  readonly size: number;
  readonly dims: number;
  /** Top-k by dot product with an L2-normalised query (cosine up to quantisation). */
  search(query: Float32Array, k: number, opts?: SearchOptions): SearchResult;
  /** The same score search would give, for each of the given rows. */
  scoreRows(query: Float32Array, rows: Int32Array): Float32Array;
}
