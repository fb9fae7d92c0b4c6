// Binds the federated round to this worker's bindings: the KV registry of locations, their stores, and the centre.
import { federatedEta } from "../../lib/federated/config.ts";
import { knownLocations } from "./location.ts";
import { federatedRound, type Learner, type RoundReport } from "./round.ts";

export async function runFederatedRound(env: EdgeEnv): Promise<RoundReport> {
  const learner = (location: string): Learner => {
    const stub = env.FEEDBACK.get(env.FEEDBACK.idFromName(location));
    return { train: (global) => stub.train(global), adopt: (global, eta) => stub.adopt(global, eta) };
  };
  return federatedRound({
    centre: {
      globalParams: () => env.FUSION.globalParams(),
      submitUpdate: (submission) => env.FUSION.submitUpdate(submission),
      closeRound: () => env.FUSION.closeRound(),
    },
    locations: await knownLocations(env.CACHE),
    learner,
    eta: federatedEta(env.FED_ETA),
  });
}
