import type { EventBus } from './bus.ts';

/** The in-process bus: one instance, no Redis. */
export function createMemoryBus(): EventBus {
  const handlers = new Map<string, Set<(event: unknown) => void>>();
  return {
    async publish(topic, event) {
      // Serialise like the Redis bus does, so both buses deliver plain JSON copies.
      const json = JSON.stringify(event);
      for (const handler of [...(handlers.get(topic) ?? [])]) handler(JSON.parse(json));
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
    async close() {
      handlers.clear();
    },
  };
}
