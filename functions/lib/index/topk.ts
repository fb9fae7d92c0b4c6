// Bounded min-heap for top-k: O(N log k) and no allocation per candidate, instead of sorting all N scores.

/** Keeps the k best (score desc, row asc) of a stream of (score, row) pairs. */
export class TopK {
  private readonly scores: Float64Array;
  private readonly rows: Int32Array;
  private count = 0;

  constructor(readonly capacity: number) {
    this.scores = new Float64Array(capacity);
    this.rows = new Int32Array(capacity);
  }

  /** How many pairs it holds (at most capacity). */
  get size(): number {
    return this.count;
  }

  /** The score a new pair must beat once full; lets the scan skip pushes cheaply. */
  get threshold(): number {
    return this.count < this.capacity ? Number.NEGATIVE_INFINITY : this.scores[0]!;
  }

  push(score: number, row: number): void {
    if (this.capacity === 0) return;
    if (this.count < this.capacity) {
      this.siftUp(this.count++, score, row);
      return;
    }
    // Root is the worst kept pair; replace it only if the newcomer is strictly better.
    if (!TopK.worse(this.scores[0]!, this.rows[0]!, score, row)) return;
    this.siftDown(0, score, row);
  }

  /** Drains into parallel arrays, best first. */
  drain(): { rows: Int32Array; scores: Float32Array } {
    const n = this.count;
    const rows = new Int32Array(n);
    const scores = new Float32Array(n);
    for (let i = n - 1; i >= 0; i--) {
      rows[i] = this.rows[0]!;
      scores[i] = this.scores[0]!;
      this.count--;
      if (this.count > 0) this.siftDown(0, this.scores[this.count]!, this.rows[this.count]!);
    }
    return { rows, scores };
  }

  /** True when (sa, ra) ranks below (sb, rb): lower score, or equal score and higher row. */
  private static worse(sa: number, ra: number, sb: number, rb: number): boolean {
    return sa < sb || (sa === sb && ra > rb);
  }

  private siftUp(pos: number, score: number, row: number): void {
    let i = pos;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!TopK.worse(score, row, this.scores[parent]!, this.rows[parent]!)) break;
      this.scores[i] = this.scores[parent]!;
      this.rows[i] = this.rows[parent]!;
      i = parent;
    }
    this.scores[i] = score;
    this.rows[i] = row;
  }

  private siftDown(pos: number, score: number, row: number): void {
    const n = this.count;
    let i = pos;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && TopK.worse(this.scores[right]!, this.rows[right]!, this.scores[child]!, this.rows[child]!)) {
        child = right;
      }
      if (!TopK.worse(this.scores[child]!, this.rows[child]!, score, row)) break;
      this.scores[i] = this.scores[child]!;
      this.rows[i] = this.rows[child]!;
      i = child;
    }
    this.scores[i] = score;
    this.rows[i] = row;
  }
}
