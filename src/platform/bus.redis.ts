import { Redis } from 'ioredis';
import type { EventBus } from './bus.ts';

/** The Redis pub/sub bus: events reach every instance connected to the same Redis and prefix. */
export async function createRedisBus(url: string, prefix = 'baton:'): Promise<EventBus> {
  const pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  const sub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  // Connection errors are retried by ioredis; without a listener they would crash the process.
  pub.on('error', () => {});
  sub.on('error', () => {});
  await Promise.all([pub.connect(), sub.connect()]);
  const handlers = new Map<string, Set<(event: unknown) => void>>();
  sub.on('message', (channel: string, payload: string) => {
    const set = handlers.get(channel.slice(prefix.length));
    if (!set) return;
    let event: unknown;
    try {
      event = JSON.parse(payload);
    } catch {
      return;
    }
    for (const handler of [...set]) handler(event);
  });
  return {
    async publish(topic, event) {
      await pub.publish(prefix + topic, JSON.stringify(event));
    },
    async subscribe(topic, handler) {
      let set = handlers.get(topic);
      if (!set) {
        set = new Set();
        handlers.set(topic, set);
        await sub.subscribe(prefix + topic);
      }
      set.add(handler);
      return async () => {
        set.delete(handler);
        if (set.size === 0 && handlers.get(topic) === set) {
          handlers.delete(topic);
          await sub.unsubscribe(prefix + topic).catch(() => {});
        }
      };
    },
    async close() {
      handlers.clear();
      pub.disconnect();
      sub.disconnect();
    },
  };
}
