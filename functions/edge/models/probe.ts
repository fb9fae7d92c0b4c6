import type { ModelSet } from "./load.ts";

function worstDiff(actual: ArrayLike<number>, expected: readonly number[]): number {
  if (actual.length !== expected.length) return Number.POSITIVE_INFINITY;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs((actual[i] ?? Number.NaN) - (expected[i] ?? Number.NaN)) || 0);
  return Number.isNaN(worst) ? Number.POSITIVE_INFINITY : worst;
}

/**
 * Runs each model on the probe input its manifest carries and compares with the expected output recorded at export time:
 * a model that loads but computes something else (wrong file, wrong quantisation, wrong tokenizer) is caught here.
 */
export async function probeSet(set: ModelSet): Promise<void> {
  const { text, item } = set;
  const [vector] = await text.embed([text.manifest.probe.input]);
  const textDiff = worstDiff(vector ?? [], text.manifest.probe.output);
  if (!(textDiff <= text.manifest.probe.tolerance)) {
    throw new Error(
      `${text.manifest.id}@${text.manifest.version}: probe differs by ${textDiff} (tolerance ${text.manifest.probe.tolerance})`,
    );
  }
  const rows = await item.embedRows(item.manifest.probe.input, false);
  item.manifest.probe.output.forEach((expected, i) => {
    const diff = worstDiff(rows[i] ?? [], expected);
    if (!(diff <= item.manifest.probe.tolerance)) {
      throw new Error(
        `${item.manifest.id}@${item.manifest.version}: probe row ${i} differs by ${diff} (tolerance ${item.manifest.probe.tolerance})`,
      );
    }
  });
}
