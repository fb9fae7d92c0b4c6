// Federated learning, pure: layout of theta, local SGD, clipping, DP-FedAvg, blending and privacy accounting.
export * from "./config.ts";
export * from "./fedavg.ts";
export * from "./layout.ts";
export * from "./privacy.ts";
export * from "./sgd.ts";
export type * from "./types.ts";
export * from "./validate.ts";
export * from "./vector.ts";
