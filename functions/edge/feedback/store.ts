// One Durable Object per edge location holds that location's feedback in SQLite; raw events never leave it.
import { DurableObject } from "cloudflare:workers";
import { adoptGlobal, examplesOf, type LocalParams, type LocalUpdate, trainLocal } from "./learn.ts";
import { AGGREGATE, INSERT_EVENT, type ItemAggregate, MIGRATIONS, type RecordResult, type StoredEvent, TRAINING_EVENTS } from "./schema.ts";

interface GlobalRef {
  round: number;
  theta: number[];
}

export class FeedbackStore extends DurableObject<EdgeEnv> {
  readonly #sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: EdgeEnv) {
    super(ctx, env);
    this.#sql = ctx.storage.sql;
    for (const statement of MIGRATIONS) this.#sql.exec(statement);
  }

  /**
   * Stores a batch in one transaction; a known eventId is a replay and is not stored again. The caller's await resolves only
   * once SQLite has committed and the output gate has confirmed the write is durable, so an acknowledged event is never lost.
   */
  record(events: StoredEvent[]): RecordResult {
    const received = Date.now();
    return this.ctx.storage.transactionSync(() => {
      let accepted = 0;
      for (const e of events) {
        const scores = e.scores ? JSON.stringify(e.scores) : null;
        const row = [e.eventId, e.userId, e.itemId, e.type, e.value, e.timestamp, scores, received] as const;
        accepted += this.#sql.exec(INSERT_EVENT, ...row).toArray().length;
      }
      return { accepted, duplicates: events.length - accepted };
    });
  }

  /** Per-item counts since `since` (ms): what the scheduled refresh of the centre's popularity/trending scores may take away. */
  aggregates(since = 0): ItemAggregate[] {
    return this.#sql
      .exec<Record<string, SqlStorageValue>>(AGGREGATE, since)
      .toArray()
      .map((r) => ({
        itemId: Number(r.itemId),
        views: Number(r.views),
        clicks: Number(r.clicks),
        likes: Number(r.likes),
        skips: Number(r.skips),
        ratings: Number(r.ratings),
        meanRating: r.meanRating === null ? null : Number(r.meanRating),
        lastSeen: Number(r.lastSeen),
      }));
  }

  stats(): { events: number; users: number; items: number } {
    const row = this.#sql.exec("SELECT COUNT(*) AS e, COUNT(DISTINCT user_id) AS u, COUNT(DISTINCT item_id) AS i FROM events").one();
    return { events: Number(row.e), users: Number(row.u), items: Number(row.i) };
  }

  /** One round's local training on this location's labelled events; returns parameters and a count, never events. */
  train(global: GlobalRef): LocalUpdate {
    const rows = this.#sql.exec<{ type: StoredEvent["type"]; value: number | null; scores: string }>(TRAINING_EVENTS).toArray();
    const events = rows.map((r) => ({ type: r.type, value: r.value, scores: JSON.parse(r.scores) as Record<string, number | null> }));
    const update = trainLocal(this.localParams(), global, examplesOf(events));
    if (update.n > 0) this.#save({ round: global.round, theta: update.theta, n: update.n });
    return update;
  }

  /** Moves this location's parameters toward the new global: theta_i <- theta_i + eta (theta_global - theta_i). */
  adopt(global: GlobalRef, eta: number): LocalParams {
    const next = adoptGlobal(this.localParams(), global, eta);
    this.#save(next);
    return next;
  }

  localParams(): LocalParams | null {
    const row = this.#sql
      .exec<{ round: number; theta: string; n: number }>("SELECT round, theta, n FROM local_params WHERE id = 1")
      .toArray()[0];
    return row ? { round: row.round, theta: JSON.parse(row.theta) as number[], n: row.n } : null;
  }

  #save(p: LocalParams): void {
    this.#sql.exec(
      "INSERT INTO local_params (id, round, theta, n, updated) VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET round = excluded.round, theta = excluded.theta, n = excluded.n, updated = excluded.updated",
      p.round,
      JSON.stringify(p.theta),
      p.n,
      Date.now(),
    );
  }
}
