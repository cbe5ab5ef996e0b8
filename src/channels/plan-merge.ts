import type { Customer } from '../protocol/conversation.ts';

type Profile = Pick<Customer, 'externalId' | 'name' | 'email' | 'tier' | 'attributes'> & {
  mergedIntoId: string | null;
};

const tierRank: Record<Customer['tier'], number> = { standard: 0, gold: 1, vip: 2 };

/** The changes to the remaining customer when a duplicate folds into it, or why the two cannot be merged. */
export type MergePlan =
  | { ok: true; patch: Partial<Pick<Customer, 'externalId' | 'name' | 'email' | 'tier' | 'attributes'>> }
  | { ok: false; reason: string };

/**
 * How two records of one person become one: the remaining customer keeps what it has and gains what only the
 * duplicate knew (its external id, name, email, attributes it lacks), and the higher tier. Two different external
 * ids are two accounts in the host's system, which an agent cannot decide are one: refused, as is a record already
 * merged away.
 */
export function planMerge(target: Profile, duplicate: Profile): MergePlan {
  if (target.mergedIntoId) return { ok: false, reason: 'the customer was merged into another one' };
  if (duplicate.mergedIntoId) return { ok: false, reason: 'the duplicate was already merged' };
  if (target.externalId && duplicate.externalId && target.externalId !== duplicate.externalId) {
    return {
      ok: false,
      reason: 'both customers carry a verified id of the host system; merge them there, not in Baton',
    };
  }
  const patch: Extract<MergePlan, { ok: true }>['patch'] = {};
  if (!target.externalId && duplicate.externalId) patch.externalId = duplicate.externalId;
  if (!target.name && duplicate.name) patch.name = duplicate.name;
  if (!target.email && duplicate.email) patch.email = duplicate.email;
  if (tierRank[duplicate.tier] > tierRank[target.tier]) patch.tier = duplicate.tier;
  const gained = Object.entries(duplicate.attributes).filter(([k]) => !(k in target.attributes));
  if (gained.length > 0) patch.attributes = { ...Object.fromEntries(gained), ...target.attributes };
  return { ok: true, patch };
}
