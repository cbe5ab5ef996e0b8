import type { Incident } from '../protocol/incident.ts';
import type { IncidentDeps } from './incident-deps.ts';
import type { IncidentTx, NewTimelineEntry } from './incident-store.ts';
import { type PageState, type PageStep, planPages } from './plan-pages.ts';

/** The timeline line for a paging step. */
export function describeStep(step: PageStep, teamName: (team: string) => string): NewTimelineEntry {
  const name = teamName(step.team);
  switch (step.kind) {
    case 'paged':
      return { kind: 'paged', team: step.team, text: `Paged ${name}` };
    case 'repaged':
      return {
        kind: 'repaged',
        team: step.team,
        text: `Re-paged ${name} (page ${step.pages}): not acknowledged in time`,
      };
    case 'held':
      return {
        kind: 'held',
        team: step.team,
        text: `Page to ${name} held until ${step.until.toISOString()} (quiet hours)`,
      };
    case 'unreachable':
      return { kind: 'unreachable', team: step.team, text: `Nobody in ${name} is online` };
    case 'escalated':
      return {
        kind: 'escalated',
        team: step.team,
        text: `Escalated to ${name} (level ${step.level}): ${teamName(step.from)} did not acknowledge`,
      };
  }
}

/**
 * Runs the paging planner over an incident's pages inside the caller's transaction: stores the pages, the ladder
 * level and one timeline entry per step. Returns the steps (empty when nothing was due).
 */
export async function applyPagePlan(
  deps: IncidentDeps,
  tx: IncidentTx,
  incident: Incident,
  current: readonly PageState[],
): Promise<PageStep[]> {
  const config = deps.config(incident.pack);
  const policy = config?.policies.find((p) => p.id === incident.policy);
  if (!config || !policy) return [];
  const now = deps.now();
  const teams = [...new Set([...current.map((p) => p.team), ...policy.ladder])];
  const plan = planPages(current, {
    policy,
    severity: incident.severity,
    quietHours: config.quietHours,
    ladderLevel: incident.ladderLevel,
    online: await deps.store.onlineByTeam(teams, tx),
    now,
  });
  if (plan.steps.length === 0) return [];
  const pagedNow = new Set(
    plan.steps.filter((s) => s.kind === 'paged' || s.kind === 'repaged').map((s) => s.team),
  );
  await deps.store.savePages(tx, incident.id, plan.pages, pagedNow, now);
  if (plan.ladderLevel !== incident.ladderLevel)
    await deps.store.update(tx, incident.id, { ladderLevel: plan.ladderLevel });
  await deps.store.append(
    tx,
    incident.id,
    now,
    plan.steps.map((s) => describeStep(s, (t) => deps.teamName(incident.pack, t))),
  );
  return plan.steps;
}

/** The planner's view of stored pages. */
export function pageStates(incident: Incident): PageState[] {
  return incident.pages.map((p) => ({
    team: p.team,
    level: p.level,
    pages: p.pages,
    dueAt: p.dueAt ? new Date(p.dueAt) : null,
    acked: p.ackedAt !== null,
  }));
}
