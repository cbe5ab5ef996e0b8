import { fail } from '../platform/errors.ts';
import type { AlertBody, Incident } from '../protocol/incident.ts';
import { applyPagePlan, pageStates } from './apply-page-plan.ts';
import type { IncidentDeps } from './incident-deps.ts';
import { choosePolicy, mergeAlert } from './merge-alert.ts';
import { firstPages, type PageStep } from './plan-pages.ts';

/** What an alert did: opened an incident (and paged per policy) or updated the open one with its fingerprint. */
export type AlertOutcome = { outcome: 'opened' | 'updated'; incident: Incident };

/** The pack an alert belongs to: the one named, else the first whose incident policies cover its type. */
function packFor(deps: IncidentDeps, alert: AlertBody): string {
  if (alert.pack) {
    if (!deps.packExists(alert.pack)) fail('PACK_NOT_FOUND', `no pack "${alert.pack}"`);
    return alert.pack;
  }
  const pack = deps
    .incidentPacks()
    .find((p) => deps.config(p)?.policies.some((x) => x.types.includes(alert.type)));
  if (!pack)
    fail(
      'VALIDATION_FAILED',
      `no pack has an incident policy for alert type "${alert.type}"; name the pack`,
      [{ path: 'pack', message: 'required when no incident policy covers the type' }],
    );
  return pack;
}

/**
 * Takes an alert from another system: a new fingerprint opens an incident and pages every team of the policy
 * that covers it at once; a fingerprint already open folds into that incident (count, last seen, merged facts)
 * without paging again, unless the repeat raised the severity into a policy. One transaction; delivered after it.
 */
export async function raiseAlert(deps: IncidentDeps, alert: AlertBody): Promise<AlertOutcome> {
  const pack = packFor(deps, alert);
  const policies = deps.config(pack)?.policies ?? [];
  const now = deps.now();
  const result = await deps.store.transaction(async (tx) => {
    const policy = choosePolicy(policies, alert.type, alert.severity);
    const opened = await deps.store.insertOpen(tx, {
      pack,
      type: alert.type,
      severity: alert.severity,
      fingerprint: alert.fingerprint,
      title: alert.title,
      facts: alert.facts,
      source: alert.source ?? null,
      policy: policy?.id ?? null,
      at: now,
    });
    if (opened) {
      await deps.store.append(tx, opened.id, now, [
        {
          kind: 'opened',
          text: `${alert.severity} ${alert.type} alert${alert.source ? ` from ${alert.source}` : ''}: ${alert.title}`,
          data: { facts: alert.facts },
        },
      ]);
      const steps = policy ? await applyPagePlan(deps, tx, opened, firstPages(policy, now)) : [];
      return { outcome: 'opened' as const, id: opened.id, steps };
    }
    const open = await deps.store.lockOpen(tx, pack, alert.fingerprint);
    // The open incident was resolved between the insert and the lock: the caller's retry opens a new one.
    if (!open) fail('CONFLICT', 'the incident for this fingerprint changed meanwhile; send the alert again');
    const merged = mergeAlert(open, alert);
    const newPolicy =
      open.policy === null && merged.severityRaised
        ? choosePolicy(policies, alert.type, merged.severity)
        : null;
    await deps.store.update(tx, open.id, {
      count: merged.count,
      severity: merged.severity,
      title: merged.title,
      facts: merged.facts,
      lastSeenAt: now,
      ...(newPolicy && { policy: newPolicy.id }),
    });
    await deps.store.append(tx, open.id, now, [
      {
        kind: 'repeated',
        text: `Alert repeated (${merged.count} in all)${merged.severityRaised ? `, severity now ${merged.severity}` : ''}`,
        data: { facts: alert.facts, severity: alert.severity },
      },
    ]);
    let steps: PageStep[] = [];
    if (newPolicy) {
      const raised = { ...open, severity: merged.severity, policy: newPolicy.id };
      steps = await applyPagePlan(deps, tx, raised, [...pageStates(open), ...firstPages(newPolicy, now)]);
    }
    return { outcome: 'updated' as const, id: open.id, steps };
  });
  const incident = await deps.store.get(result.id);
  if (!incident) fail('INCIDENT_NOT_FOUND', 'the incident disappeared');
  await deps.deliver({ event: result.outcome, incident, steps: result.steps });
  return { outcome: result.outcome, incident };
}
