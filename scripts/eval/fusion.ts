// Weighted-average fusion for the eval, built on the fusion library's own normalisation so offline numbers match serving.
import { normalizeColumn, type Normalization } from "../../functions/lib/fusion/index.ts";
import type { Scorer } from "./scorers.ts";

export interface FusionParams {
  /** Weight of the CF score; the text score gets 1 - cfWeight. */
  cfWeight: number;
  normalization: Normalization;
}

const column = (s: Float64Array): (number | null)[] => Array.from(s, (x) => (Number.isFinite(x) ? x : null));

/** "renormalize" missing policy, as the fusion library's default: a cold item is judged by the text score alone. */
export function fused(text: Scorer, cf: Scorer, p: FusionParams): Scorer {
  return (user) => {
    const t = normalizeColumn(column(text(user)), p.normalization);
    const c = normalizeColumn(column(cf(user)), p.normalization);
    const out = new Float64Array(t.length);
    for (let i = 0; i < t.length; i++) {
      const ti = t[i] ?? null;
      const ci = c[i] ?? null;
      let num = 0;
      let den = 0;
      if (ti !== null) (num += (1 - p.cfWeight) * ti), (den += 1 - p.cfWeight);
      if (ci !== null) (num += p.cfWeight * ci), (den += p.cfWeight);
      out[i] = den > 0 ? num / den : Number.NEGATIVE_INFINITY;
    }
    return out;
  };
}
