/** Live events between the parts of Baton and across instances. Delivery is best-effort: durable facts live in the database. */
export type EventBus = {
  publish: (topic: string, event: unknown) => Promise<void>;
  /** Calls `handler` for each event on `topic` until the returned function is called. */
  subscribe: (topic: string, handler: (event: unknown) => void) => Promise<() => Promise<void>>;
  close: () => Promise<void>;
};
