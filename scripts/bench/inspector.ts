// A minimal Chrome DevTools Protocol client for workerd's inspector: the one place a worker's V8 heap can be read from.
import WebSocket from "ws";

/** V8's Runtime.getHeapUsage for one isolate, bytes. */
export interface HeapUsage {
  /** Objects on the heap: live ones, plus garbage not yet collected unless read after a full GC. */
  used: number;
  /** Heap the isolate has committed. */
  total: number;
  /** ArrayBuffer backing stores outside the heap (wasm memories are not among them). */
  buffers: number;
}

const TIMEOUT_MS = 60_000;
const USAGE = 1;
const SNAPSHOT = 2;

/**
 * Connects to ws://host:port/<worker id>, asks once, disconnects. With `afterGc` it first takes a heap snapshot, which
 * runs a full GC (workerd does not answer HeapProfiler.collectGarbage); the snapshot's chunks are dropped unread.
 */
export function heapUsage(url: string, afterGc: boolean): Promise<HeapUsage> {
  return new Promise((done, fail) => {
    const ws = new WebSocket(url);
    const send = (id: number, method: string, params: object = {}) => ws.send(JSON.stringify({ id, method, params }));
    const timer = setTimeout(() => {
      ws.close();
      fail(new Error(`inspector ${url}: no answer in ${TIMEOUT_MS} ms`));
    }, TIMEOUT_MS);
    ws.on("error", (err) => {
      clearTimeout(timer);
      fail(err);
    });
    ws.on("open", () =>
      afterGc ? send(SNAPSHOT, "HeapProfiler.takeHeapSnapshot", { reportProgress: false }) : send(USAGE, "Runtime.getHeapUsage"),
    );
    ws.on("message", (data) => {
      const msg = JSON.parse(String(data)) as { id?: number; result?: Record<string, number> };
      if (msg.id === SNAPSHOT) send(USAGE, "Runtime.getHeapUsage");
      if (msg.id !== USAGE) return;
      clearTimeout(timer);
      ws.close();
      const r = msg.result ?? {};
      done({ used: r.usedSize ?? Number.NaN, total: r.totalSize ?? Number.NaN, buffers: r.backingStorageSize ?? Number.NaN });
    });
  });
}
