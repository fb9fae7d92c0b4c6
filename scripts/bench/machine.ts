// What the figures were measured on: the report and the README print this next to every table.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, loadavg, totalmem } from "node:os";

export interface Machine {
  cpu: string;
  cores: number;
  memory: string;
  node: string;
  workerd: string;
  wrangler: string;
  date: string;
  /** 1-minute load average when the run ended: other work on a 2-core machine shows up in every figure. */
  load: string;
}

const version = (pkg: string): string => {
  try {
    const path = createRequire(import.meta.url).resolve(`${pkg}/package.json`);
    return (JSON.parse(readFileSync(path, "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
};

export function machine(): Machine {
  let cpu = cpus()[0]?.model ?? "unknown";
  try {
    cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1]?.trim() ?? cpu;
  } catch {
    // not Linux: os.cpus() already named it
  }
  return {
    cpu,
    cores: cpus().length,
    memory: `${(totalmem() / 1024 ** 3).toFixed(0)} GiB`,
    node: process.version,
    workerd: version("workerd"),
    wrangler: version("wrangler"),
    date: new Date().toISOString(),
    load: loadavg()[0]?.toFixed(2) ?? "unknown",
  };
}

export const describeMachine = (m: Machine): string =>
  `${m.cpu}, ${m.cores} cores, ${m.memory} RAM; Node ${m.node}, workerd ${m.workerd}, wrangler ${m.wrangler}; ${m.date}; load average (1 min) at the end: ${m.load}`;
