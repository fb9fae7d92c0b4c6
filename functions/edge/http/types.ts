export interface AppEnv {
  Bindings: EdgeEnv;
  Variables: { requestId: string };
}
