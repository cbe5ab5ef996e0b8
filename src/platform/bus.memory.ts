import type { EventBus } from './bus.ts';

/** The in-process bus: one instance, no Redis. */
export function createMemoryBus(): EventBus {
  const handlers = new Map<string, Set<(event: unknown) => void>>();
  return {
    kind: 'memory',
    async publish(topic, event) {
      const set = handlers.get(topic);
      if (!set || set.size === 0) return;
      // Serialise like the Redis bus does: subscribers get one plain JSON copy, shared and never the publisher's object.
      const copy: unknown = JSON.parse(JSON.stringify(event));
      for (const handler of [...set]) handler(copy);
    },
    async subscribe(topic, handler) {
      let set = handlers.get(topic);
      if (!set) {
        set = new Set();
        handlers.set(topic, set);
      }
      set.add(handler);
      return async () => {
        set.delete(handler);
        if (set.size === 0) handlers.delete(topic);
      };
    },
    async ping() {},
    async close() {
      handlers.clear();
    },
  };
}
