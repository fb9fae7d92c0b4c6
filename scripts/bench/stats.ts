// Order statistics and Markdown tables for the bench report.

export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest rank: the reported p99 is a value that was actually observed.
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);

/** Milliseconds with a precision that suits their size (a 12 us op and a 2 s cold start in one table). */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return "n/a";
  if (value < 0.1) return `${(value * 1000).toFixed(1)} us`;
  if (value < 10) return `${value.toFixed(3)} ms`;
  if (value < 1000) return `${value.toFixed(1)} ms`;
  return `${(value / 1000).toFixed(2)} s`;
}

export const ratio = (a: number, b: number): string => (Number.isFinite(a / b) ? `${(a / b).toFixed(2)}x` : "n/a");
export const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}
