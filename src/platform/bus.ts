/** Live events between the parts of Baton and across instances. Delivery is best-effort: durable facts live in the database. */
export type EventBus = {
  /** In this process only, or across instances through Redis. */
  kind: 'memory' | 'redis';
  publish: (topic: string, event: unknown) => Promise<void>;
  /** Calls `handler` for each event on `topic` until the returned function is called. */
  subscribe: (topic: string, handler: (event: unknown) => void) => Promise<() => Promise<void>>;
  /** Resolves when the bus can carry events now; rejects when it cannot (readiness checks). */
  ping: () => Promise<void>;
  close: () => Promise<void>;
};
