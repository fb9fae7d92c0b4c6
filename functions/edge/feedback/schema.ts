// The feedback store's SQLite schema and row shapes. Events stay in the location's Durable Object; only aggregates and theta leave it.

export interface StoredEvent {
  eventId: string;
  userId: string;
  itemId: number;
  type: "view" | "click" | "like" | "rating" | "skip";
  value: number | null;
  /** ms since epoch, as the client reported it (validated at the route). */
  timestamp: number;
  /** Per-source normalised scores echoed from /v1/recommend, or null. */
  scores: Record<string, number | null> | null;
}

export interface RecordResult {
  accepted: number;
  duplicates: number;
}

export type { ItemAggregate } from "../../lib/priors.ts";

/** Idempotent, so it can run in every constructor; bump by adding statements, never by editing these. */
export const MIGRATIONS = [
  `CREATE TABLE IF NOT EXISTS events (
     event_id TEXT PRIMARY KEY,
     user_id TEXT NOT NULL,
     item_id INTEGER NOT NULL,
     type TEXT NOT NULL,
     value REAL,
     ts INTEGER NOT NULL,
     scores TEXT,
     received INTEGER NOT NULL
   )`,
  "CREATE INDEX IF NOT EXISTS events_item ON events (item_id)",
  "CREATE INDEX IF NOT EXISTS events_ts ON events (ts)",
  `CREATE TABLE IF NOT EXISTS local_params (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     round INTEGER NOT NULL,
     theta TEXT NOT NULL,
     n INTEGER NOT NULL,
     updated INTEGER NOT NULL
   )`,
] as const;

export const INSERT_EVENT = `INSERT INTO events (event_id, user_id, item_id, type, value, ts, scores, received)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING RETURNING event_id`;

export const AGGREGATE = `SELECT item_id AS itemId,
    SUM(type = 'view') AS views, SUM(type = 'click') AS clicks, SUM(type = 'like') AS likes, SUM(type = 'skip') AS skips,
    SUM(type = 'rating') AS ratings, AVG(CASE WHEN type = 'rating' THEN value END) AS meanRating, MAX(ts) AS lastSeen
  FROM events WHERE ts >= ? GROUP BY item_id ORDER BY item_id`;

/** Newest first, bounded, so a round's CPU and memory stay flat however long the location has been collecting. */
export const MAX_TRAINING_EVENTS = 50_000;
export const TRAINING_EVENTS = `SELECT type, value, scores FROM events WHERE scores IS NOT NULL ORDER BY ts DESC LIMIT ${MAX_TRAINING_EVENTS}`;
