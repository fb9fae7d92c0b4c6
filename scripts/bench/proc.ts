// Linux /proc readings: the workerd processes under this one, and their resident memory (workerd exposes no heap API to a worker).
import { readdirSync, readFileSync } from "node:fs";

export interface Memory {
  /** Resident set now, bytes (VmRSS). */
  rss: number;
  /** Peak resident set since the process started, bytes (VmHWM). */
  hwm: number;
}

function parentOf(pid: number): number | undefined {
  try {
    // The command name sits in parentheses and may hold spaces; ppid is the second field after it.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined;
  }
}

function nameOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return "";
  }
}

/** Every workerd process descending from `root` (wrangler dev: node -> node wrangler -> workerd; Miniflare: node -> workerd). */
export function workerdUnder(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const parent = parentOf(pid);
    if (parent !== undefined) parents.set(pid, parent);
  }
  const descends = (pid: number): boolean => {
    for (let p = parents.get(pid), hops = 0; p !== undefined && hops < 16; p = parents.get(p), hops++) if (p === root) return true;
    return false;
  };
  return [...parents.keys()].filter((pid) => descends(pid) && nameOf(pid) === "workerd");
}

export function memoryOf(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN) * 1024;
  return { rss: kb("VmRSS"), hwm: kb("VmHWM") };
}
