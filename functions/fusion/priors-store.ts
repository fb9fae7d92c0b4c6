// The priors table per isolate: KV holds the active version (a small pointer) and the table under that version;
// memory holds the table with its version and re-reads the pointer now and then so a refresh elsewhere reaches every isolate.

import ratingsCsv from "../../data/movielens/ratings.csv";
import { parseRatings } from "../lib/catalog.ts";
import { computePriors, type PriorAggregate, type PriorTable } from "../lib/priors.ts";
import { Revalidated, type WaitUntil } from "../lib/revalidated.ts";

export const ACTIVE_KEY = "priors:active";
const tableKey = (version: string) => `priors:table:${version}`;
/** How stale another isolate's refresh may look here; the nightly refresh makes minutes irrelevant. */
const RECHECK_MS = 60_000;

export interface PriorLookup {
  table: PriorTable;
  /** Row of each id in the table's aligned arrays. */
  row: ReadonlyMap<number, number>;
}

const held = new Revalidated<PriorLookup>(RECHECK_MS);

function lookupOf(table: PriorTable): PriorLookup {
  return { table, row: new Map(table.ids.map((id, i) => [id, i])) };
}

async function load(kv: KVNamespace): Promise<PriorLookup> {
  const active = await kv.get(ACTIVE_KEY);
  const known = held.peek();
  if (known && active === known.table.version) return known;
  const stored = active === null ? null : await kv.get<PriorTable>(tableKey(active), "json");
  // Cold and nothing stored (or the pointer raced ahead of its table): compute from the bundled ratings, without writing,
  // so a cold isolate can never overwrite a refresh that included feedback.
  if (stored === null) return known ?? lookupOf(computePriors(parseRatings(ratingsCsv)));
  return lookupOf(stored);
}

/** The current table; one load at a time per isolate, a failed load is not kept, and a stale table answers while it reloads. */
export function currentPriors(kv: KVNamespace, waitUntil?: WaitUntil): Promise<PriorLookup> {
  return held.get(() => load(kv), waitUntil);
}

export interface RefreshReport {
  version: string;
  items: number;
  aggregates: number;
  asOf: number;
  changed: boolean;
}

/** Recomputes from the bundled ratings plus the given aggregates; writes the table before the pointer, so readers never see half. */
export async function refreshPriors(kv: KVNamespace, aggregates: readonly PriorAggregate[]): Promise<RefreshReport> {
  const table = computePriors(parseRatings(ratingsCsv), aggregates);
  const previous = await kv.get(ACTIVE_KEY);
  if (previous !== table.version) {
    await kv.put(tableKey(table.version), JSON.stringify(table));
    await kv.put(ACTIVE_KEY, table.version);
    // The superseded table is kept a while for isolates still reading it, then expires.
    if (previous !== null) {
      const old = await kv.get(tableKey(previous));
      if (old !== null) await kv.put(tableKey(previous), old, { expirationTtl: 86_400 });
    }
  }
  held.set(lookupOf(table));
  return {
    version: table.version,
    items: table.ids.length,
    aggregates: aggregates.length,
    asOf: table.asOf,
    changed: previous !== table.version,
  };
}
