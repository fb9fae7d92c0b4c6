// A value read from storage and kept per isolate, stale-while-revalidate: fresh, it is answered from memory; stale, it is
// still answered from memory while one reload runs behind the request (waitUntil). Only an isolate's very first read
// waits, so a slow storage read under load never holds requests up, and concurrent callers share one reload.

export type WaitUntil = (work: Promise<unknown>) => void;

export class Revalidated<T> {
  private held: { value: T; at: number } | undefined;
  private pending: Promise<T> | undefined;

  constructor(private readonly maxAgeMs: number) {}

  /** The held value, fresh or not, without reading storage. */
  peek(): T | undefined {
    return this.held?.value;
  }

  /** Without waitUntil a stale value is reloaded in front of the caller; a failed reload keeps the old value. */
  get(load: () => Promise<T>, waitUntil?: WaitUntil, now = Date.now()): Promise<T> {
    const held = this.held;
    if (held && now - held.at < this.maxAgeMs) return Promise.resolve(held.value);
    this.pending ??= load()
      .then((value) => {
        this.set(value);
        return value;
      })
      .finally(() => {
        this.pending = undefined;
      });
    if (!held || !waitUntil) return this.pending;
    waitUntil(this.pending.catch(() => undefined));
    return Promise.resolve(held.value);
  }

  set(value: T): void {
    this.held = { value, at: Date.now() };
  }

  /** The next get reads storage in front of its caller. */
  clear(): void {
    this.held = undefined;
  }
}
