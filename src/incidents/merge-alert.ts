import { type Severity, severities } from '../protocol/incident.ts';

/** What a repeated alert changes on its open incident. */
export type AlertMerge = {
  count: number;
  severity: Severity;
  title: string;
  facts: Record<string, unknown>;
  /** The repeat raised the severity: paging is planned again (a policy may now apply). */
  severityRaised: boolean;
};

const rank = (s: Severity) => severities.indexOf(s);

/**
 * Folds a repeated alert (same fingerprint, incident still open) into its incident: one more occurrence, the newest
 * title and facts over the old ones (facts the repeat does not mention stay), the higher severity.
 */
export function mergeAlert(
  incident: { count: number; severity: Severity; facts: Record<string, unknown> },
  alert: { severity: Severity; title: string; facts: Record<string, unknown> },
): AlertMerge {
  const severityRaised = rank(alert.severity) > rank(incident.severity);
  return {
    count: incident.count + 1,
    severity: severityRaised ? alert.severity : incident.severity,
    title: alert.title,
    facts: { ...incident.facts, ...alert.facts },
    severityRaised,
  };
}

/** The policy that covers an alert: the first whose types include it at or above its minimum severity. */
export function choosePolicy<P extends { types: string[]; minSeverity: Severity }>(
  policies: readonly P[],
  type: string,
  severity: Severity,
): P | null {
  return policies.find((p) => p.types.includes(type) && rank(severity) >= rank(p.minSeverity)) ?? null;
}
