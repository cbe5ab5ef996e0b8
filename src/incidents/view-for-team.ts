import type { IncidentViewConfig, TeamView } from '../protocol/incident.ts';

/** A fact value as one line of text. */
export function formatFact(value: unknown): string {
  if (value === null || value === undefined) return 'unknown';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(formatFact).join(', ');
  return JSON.stringify(value);
}

/** `positionsExposed` or `positions_exposed` -> `Positions exposed`. */
export function labelFor(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_.-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Replaces `{{fact}}` placeholders with the alert's facts. */
export function fillFacts(template: string, facts: Record<string, unknown>): string {
  return template.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (_m, key: string) => formatFact(facts[key]));
}

/**
 * What one team sees of an incident: the sections its pack view names (facts in the view's order; missing facts
 * are left out), the suggested action, obligations, the reporting deadline and the runbook. A team without a view
 * sees every fact in one section.
 */
export function viewForTeam(
  incident: { title: string; facts: Record<string, unknown>; firstSeenAt: string },
  team: { id: string; name: string },
  config: IncidentViewConfig | undefined,
): TeamView {
  const fact = (key: string, labels: Record<string, string>) => ({
    key,
    label: labels[key] ?? labelFor(key),
    value: formatFact(incident.facts[key]),
  });
  const sections = config?.sections.length
    ? config.sections
        .map((s) => ({
          title: s.title,
          facts: s.facts.filter((k) => k in incident.facts).map((k) => fact(k, s.labels)),
        }))
        .filter((s) => s.facts.length > 0)
    : [{ title: 'Facts', facts: Object.keys(incident.facts).map((k) => fact(k, {})) }];
  const reportingDueAt = config?.reportingMinutes
    ? new Date(Date.parse(incident.firstSeenAt) + config.reportingMinutes * 60_000).toISOString()
    : null;
  return {
    team: team.id,
    teamName: team.name,
    headline: config?.headline ? fillFacts(config.headline, incident.facts) : incident.title,
    sections,
    action: config?.action ? fillFacts(config.action, incident.facts) : null,
    obligations: (config?.obligations ?? []).map((o) => fillFacts(o, incident.facts)),
    reportingDueAt,
    runbook: config?.runbook ?? null,
    auditTrail: config?.auditTrail ?? false,
  };
}
