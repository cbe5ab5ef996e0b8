import { applyPagePlan, pageStates } from './apply-page-plan.ts';
import type { IncidentChange, IncidentDeps } from './incident-deps.ts';

/**
 * One pass over due page timers: each incident with a due timer is locked (skipping those another instance holds),
 * re-paged or escalated by the planner and stored in its own transaction, then delivered. Returns how many
 * incidents moved. Timers live in the database, so they survive a restart and run on one instance at a time.
 */
export async function runIncidentTimers(deps: IncidentDeps, limit = 50): Promise<number> {
  const changes: IncidentChange[] = [];
  for (;;) {
    const moved = await deps.store.transaction(async (tx) => {
      const [incident] = await deps.store.lockDue(tx, deps.now(), 1);
      if (!incident) return null;
      const policy = deps.config(incident.pack)?.policies.find((p) => p.id === incident.policy);
      if (!policy) {
        // A timer with no policy behind it any more (the pack changed): stop it rather than spin on it.
        await deps.store.stopTimers(tx, incident.id);
        return { id: incident.id, steps: [] };
      }
      // No steps when another instance moved the timers between this one's look and its lock: nothing to do.
      return { id: incident.id, steps: await applyPagePlan(deps, tx, incident, pageStates(incident)) };
    });
    if (!moved) break;
    const incident = await deps.store.get(moved.id);
    if (incident && moved.steps.length > 0) {
      const escalated = moved.steps.some((s) => s.kind === 'escalated');
      changes.push({ event: escalated ? 'escalated' : 'paged', incident, steps: moved.steps });
    }
    if (changes.length >= limit) break;
  }
  for (const change of changes) await deps.deliver(change);
  return changes.length;
}
