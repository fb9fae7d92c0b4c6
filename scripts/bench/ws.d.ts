// The part of ws's API the bench's inspector client uses (the package ships no types).
declare module "ws" {
  export default class WebSocket {
    constructor(url: string);
    on(event: "open", listener: () => void): this;
    on(event: "message", listener: (data: Buffer) => void): this;
    on(event: "error", listener: (err: Error) => void): this;
    on(event: "close", listener: () => void): this;
    send(data: string): void;
    close(): void;
  }
}
