// Minimal stderr progress bar: stdout stays clean for the Markdown reports.

export interface Progress {
  tick(n?: number, note?: string): void;
  done(note?: string): void;
}

export function progress(label: string, total: number): Progress {
  const started = Date.now();
  const tty = process.stderr.isTTY === true;
  let count = 0;
  let lastDraw = 0;
  const draw = (note: string, final: boolean): void => {
    const now = Date.now();
    if (!final && now - lastDraw < (tty ? 100 : 2000)) return;
    lastDraw = now;
    const frac = total > 0 ? Math.min(1, count / total) : 1;
    const bar = "#".repeat(Math.round(frac * 24)).padEnd(24, ".");
    const secs = ((now - started) / 1000).toFixed(1);
    const line = `${label} [${bar}] ${count}/${total} ${secs}s ${note}`;
    process.stderr.write(tty ? `\r${line}\x1b[K${final ? "\n" : ""}` : `${line}\n`);
  };
  return {
    tick(n = 1, note = "") {
      count += n;
      draw(note, false);
    },
    done(note = "") {
      if (!tty && count >= total && note === "") return;
      count = total;
      draw(note, true);
    },
  };
}
