// Which edge location a request reached, and the registry the scheduled round walks to find every location's store.

const NAME = /^[A-Za-z0-9_.:-]{1,64}$/;
const PREFIX = "feedback:location:";

/** The colo (e.g. "LHR") Cloudflare reports, or "local" under wrangler dev and tests, where there is no cf.colo. */
export function locationOf(request: Request): string {
  const colo = (request.cf as { colo?: unknown } | undefined)?.colo;
  return typeof colo === "string" && NAME.test(colo) ? colo : "local";
}

const registered = new Set<string>();

/**
 * Records that `location` holds feedback, once per isolate. KV is eventually consistent (~60 s), which is fine for a
 * registry read by an hourly round; a location first seen just before a round simply joins the next one.
 */
export async function registerLocation(kv: KVNamespace, location: string): Promise<void> {
  if (registered.has(location)) return;
  await kv.put(PREFIX + location, "1");
  registered.add(location);
}

export async function knownLocations(kv: KVNamespace): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await kv.list({ prefix: PREFIX, ...(cursor && { cursor }) });
    out.push(...page.keys.map((k) => k.name.slice(PREFIX.length)));
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
  return out.sort();
}

/** Test hook: forget the per-isolate memo. */
export function forgetRegistrations(): void {
  registered.clear();
}
