// Versioned weight profiles in KV: every edit is a new immutable version, an `active` pointer picks one, rollback moves it.
// Admin edits are rare and serialised by a human, so KV's last-writer-wins on the counter is acceptable here.

import { Revalidated, type WaitUntil } from "../lib/revalidated.ts";
import { DEFAULT_PROFILE_CONFIG, PROFILE_NAME, type Profile, validateProfile } from "./profile-rules.ts";

const versionKey = (name: string, v: number) => `profile:${name}:v:${v}`;
const activeKey = (name: string) => `profile:${name}:active`;
const latestKey = (name: string) => `profile:${name}:latest`;
/** Profiles are read on every fuse; other isolates see an edit within this long (KV itself may add up to ~60 s). */
const MEMORY_MS = 10_000;

export type ProfileResult<T> = { ok: true } & T;
export type ProfileFailure = { ok: false; code: "invalid_profile" | "not_found"; reason: string };

const held = new Map<string, Revalidated<Profile>>();

function heldFor(name: string): Revalidated<Profile> {
  const entry = held.get(name) ?? new Revalidated<Profile>(MEMORY_MS);
  held.set(name, entry);
  return entry;
}

function codeDefault(name: string): Profile {
  return { name, version: 0, createdAt: "1970-01-01T00:00:00.000Z", ...structuredClone(DEFAULT_PROFILE_CONFIG) };
}

function badName(name: string): ProfileFailure | null {
  return PROFILE_NAME.test(name)
    ? null
    : { ok: false, code: "invalid_profile", reason: "profile names are 1-32 lowercase letters, digits or -" };
}

/** The active profile; a name never edited (or version 0) is the code default. */
export function activeProfile(kv: KVNamespace, name: string, waitUntil?: WaitUntil): Promise<Profile> {
  return heldFor(name).get(async () => {
    const active = Number((await kv.get(activeKey(name))) ?? 0);
    return (active > 0 ? await kv.get<Profile>(versionKey(name, active), "json") : null) ?? codeDefault(name);
  }, waitUntil);
}

async function versionsOf(kv: KVNamespace, name: string): Promise<number[]> {
  const latest = Number((await kv.get(latestKey(name))) ?? 0);
  return Array.from({ length: latest + 1 }, (_, v) => v);
}

export async function readProfile(
  kv: KVNamespace,
  name: string,
): Promise<ProfileResult<{ profile: Profile; versions: number[] }> | ProfileFailure> {
  const bad = badName(name);
  if (bad) return bad;
  heldFor(name).clear();
  return { ok: true, profile: await activeProfile(kv, name), versions: await versionsOf(kv, name) };
}

export async function writeProfile(
  kv: KVNamespace,
  name: string,
  input: unknown,
): Promise<ProfileResult<{ profile: Profile }> | ProfileFailure> {
  const bad = badName(name);
  if (bad) return bad;
  const check = validateProfile(input);
  if (!check.ok) return check;
  const version = Number((await kv.get(latestKey(name))) ?? 0) + 1;
  const profile: Profile = { name, version, createdAt: new Date().toISOString(), ...check.config };
  // The version is written before anything points at it.
  await kv.put(versionKey(name, version), JSON.stringify(profile));
  await kv.put(latestKey(name), String(version));
  await kv.put(activeKey(name), String(version));
  heldFor(name).set(profile);
  return { ok: true, profile };
}

/** Points `active` at an earlier (or any existing) version; version 0 restores the code default. */
export async function rollbackProfile(
  kv: KVNamespace,
  name: string,
  version: number,
): Promise<ProfileResult<{ profile: Profile }> | ProfileFailure> {
  const bad = badName(name);
  if (bad) return bad;
  if (!Number.isSafeInteger(version) || version < 0)
    return { ok: false, code: "invalid_profile", reason: "version must be an integer >= 0" };
  const profile = version === 0 ? codeDefault(name) : await kv.get<Profile>(versionKey(name, version), "json");
  if (profile === null) return { ok: false, code: "not_found", reason: `profile ${name} has no version ${version}` };
  await kv.put(activeKey(name), String(version));
  heldFor(name).set(profile);
  return { ok: true, profile };
}
