// A per-isolate promise cache whose rejected entries are evicted, so one failed load never poisons later requests.
export class AsyncMemo<V> {
  readonly #entries = new Map<string, Promise<V>>();

  get(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.#entries.get(key);
    if (hit) return hit;
    const pending = load();
    this.#entries.set(key, pending);
    pending.catch(() => {
      if (this.#entries.get(key) === pending) this.#entries.delete(key);
    });
    return pending;
  }

  has(key: string): boolean {
    return this.#entries.has(key);
  }
}
