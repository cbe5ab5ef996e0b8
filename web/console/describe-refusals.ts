import type { QueueRefusal } from './api-client.ts';

const verbs = { declined: 'declined', expired: 'missed' } as const;

/**
 * The inbox marker on a waiting conversation someone declined or missed: per agent, what they did and how often
 * ("You declined", "Solo missed 2×", "Solo declined and missed"), latest first; null when nobody refused it.
 */
export function describeRefusals(refusals: readonly QueueRefusal[], me: string): string | null {
  const latestFirst = [...refusals].sort((a, b) => b.at.localeCompare(a.at));
  const byAgent = new Map<string, Map<QueueRefusal['kind'], number>>();
  for (const r of latestFirst) {
    const kinds = byAgent.get(r.agentId) ?? new Map<QueueRefusal['kind'], number>();
    kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1);
    byAgent.set(r.agentId, kinds);
  }
  if (byAgent.size === 0) return null;
  return [...byAgent.entries()]
    .map(([agentId, kinds]) => {
      const who = agentId === me ? 'You' : latestFirst.find((r) => r.agentId === agentId)!.agentName;
      const what = [...kinds].map(([kind, n]) => `${verbs[kind]}${n > 1 ? ` ${n}×` : ''}`);
      return `${who} ${what.join(' and ')}`;
    })
    .join(', ');
}
