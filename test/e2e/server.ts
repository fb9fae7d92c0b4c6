// The demo test's server: `npm start` on free loopback ports with throwaway state (scripts/lib/dev-server.ts), up once /healthz answers.
import { type DevServer, startDevServer } from "../../scripts/lib/dev-server.ts";

export type Server = Pick<DevServer, "url" | "stop">;

export const startServer = (): Promise<Server> => startDevServer({ readyPath: "/healthz" });
