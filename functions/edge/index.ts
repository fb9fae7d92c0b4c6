// The public edge worker: serves search and recommendation near the user and asks the fusion worker to combine model scores.
import { app } from "./app.ts";
import { scheduled } from "./cron.ts";

export { FeedbackStore } from "./feedback/store.ts";

export default {
  fetch: app.fetch,
  scheduled,
} satisfies ExportedHandler<EdgeEnv>;
