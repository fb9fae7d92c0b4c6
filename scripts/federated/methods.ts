// The three ways to learn theta the simulation compares, all with the same SGD the edge runs (functions/edge/feedback/learn.ts).
import { adoptGlobal, type LocalParams, trainLocal } from "../../functions/edge/feedback/learn.ts";
import { fedAvg } from "../../functions/lib/federated/fedavg.ts";
import { initialTheta } from "../../functions/lib/federated/layout.ts";
import { type Example, localSgd, SGD_DEFAULTS } from "../../functions/lib/federated/sgd.ts";
import { add, sub } from "../../functions/lib/federated/vector.ts";
import { mulberry32, type Rng } from "../../functions/lib/random.ts";

/** One epoch a round everywhere, so "round r" means the same amount of local work for every method. */
export class Solo {
  theta = initialTheta();
  constructor(private readonly examples: readonly Example[]) {}
  step(round: number): number[] {
    this.theta = localSgd(this.theta, this.examples, { ...SGD_DEFAULTS, seed: round + 1 });
    return this.theta;
  }
}

export interface FedOptions {
  clipNorm: number;
  noiseMultiplier: number;
  weightCap: number;
  eta: number;
  seed: number;
}

/** DP-FedAvg exactly as the edge round and the centre run it: train locally, send theta, average deltas, then blend. */
export class Federation {
  global = { round: 0, theta: initialTheta() };
  readonly locals: (LocalParams | null)[];
  readonly rng: Rng;
  clipped = 0;
  constructor(
    private readonly locations: readonly Example[][],
    private readonly opts: FedOptions,
  ) {
    this.locals = locations.map(() => null);
    this.rng = mulberry32(opts.seed);
  }

  step(): number[] {
    const updates = this.locations.map((examples, i) => {
      const u = trainLocal(this.locals[i] ?? null, this.global, examples);
      this.locals[i] = { round: this.global.round, theta: u.theta, n: u.n };
      return { delta: sub(u.theta, this.global.theta), n: u.n };
    });
    const avg = fedAvg(
      updates.filter((u) => u.n > 0),
      { ...this.opts, rng: this.rng },
    );
    this.clipped += avg.clipped;
    this.global = { round: this.global.round + 1, theta: add(this.global.theta, avg.delta) };
    this.locations.forEach((_, i) => {
      this.locals[i] = adoptGlobal(this.locals[i] ?? null, this.global, this.opts.eta);
    });
    return this.global.theta;
  }
}
