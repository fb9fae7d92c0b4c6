// A dependency-free SVG bar chart of NDCG@10 per method, one bar per split, so the README can show the report at a glance.
import type { Row } from "./methods.ts";

export interface ChartSeries {
  split: string;
  rows: readonly Row[];
}

const COLOURS = ["#3b6fb6", "#e08a2c", "#5a9e4b", "#b6443b"];
const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Horizontal bars: one row per method (in the first series' order), one bar per split, whiskers at ± one s.e. */
export function ndcgChart(series: readonly ChartSeries[], title: string): string {
  const methods = series[0]?.rows.map((r) => r.method) ?? [];
  const max = Math.max(0.01, ...series.flatMap((s) => s.rows.map((r) => r.m.ndcg10 + r.m.ndcg10Se)));
  const label = 330;
  const plot = 420;
  const bar = 9;
  const gap = 8;
  const rowH = series.length * bar + gap;
  const top = 48;
  const height = top + methods.length * rowH + 36;
  const x = (v: number): number => label + (v / max) * plot;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${label + plot + 70}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="10" y="18" font-size="14" font-weight="bold">${esc(title)}</text>`,
  ];
  series.forEach((s, k) => {
    const lx = 10 + k * 260;
    out.push(`<rect x="${lx}" y="28" width="10" height="10" fill="${COLOURS[k % COLOURS.length]}"/>`);
    out.push(`<text x="${lx + 14}" y="37">${esc(s.split)}</text>`);
  });
  methods.forEach((method, i) => {
    const y0 = top + i * rowH;
    out.push(`<text x="${label - 6}" y="${y0 + (series.length * bar) / 2 + 4}" text-anchor="end">${esc(method)}</text>`);
    series.forEach((s, k) => {
      const r = s.rows.find((row) => row.method === method);
      if (!r) return;
      const y = y0 + k * bar;
      const v = r.m.ndcg10;
      out.push(
        `<rect x="${label}" y="${y}" width="${(x(v) - label).toFixed(1)}" height="${bar - 1}" fill="${COLOURS[k % COLOURS.length]}"/>`,
      );
      const lo = x(Math.max(0, v - r.m.ndcg10Se)).toFixed(1);
      const hi = x(v + r.m.ndcg10Se).toFixed(1);
      out.push(`<line x1="${lo}" x2="${hi}" y1="${y + bar / 2}" y2="${y + bar / 2}" stroke="#333"/>`);
      out.push(`<text x="${(Number(hi) + 4).toFixed(1)}" y="${y + bar - 1}" font-size="9">${v.toFixed(3)}</text>`);
    });
  });
  const axisY = top + methods.length * rowH + 4;
  out.push(`<line x1="${label}" x2="${label + plot}" y1="${axisY}" y2="${axisY}" stroke="#999"/>`);
  for (let t = 0; t <= 4; t++) {
    const v = (max * t) / 4;
    out.push(`<text x="${x(v).toFixed(1)}" y="${axisY + 14}" text-anchor="middle" font-size="9">${v.toFixed(3)}</text>`);
  }
  out.push(
    `<text x="${label + plot / 2}" y="${axisY + 28}" text-anchor="middle">NDCG@10 (whiskers: ± 1 s.e. across users)</text>`,
    "</svg>",
  );
  return `${out.join("\n")}\n`;
}
