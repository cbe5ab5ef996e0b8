import type { Incident, IncidentsConfig, TimelineEntry } from '../protocol/incident.ts';
import type { IncidentStore } from './incident-store.ts';
import type { PageStep } from './plan-pages.ts';

/** What changed on an incident, told to the teams (console) and to webhook subscribers once it has committed. */
export type IncidentChange = {
  event: 'opened' | 'updated' | 'paged' | 'escalated' | 'acknowledged' | 'note' | 'status' | 'resolved';
  incident: Incident;
  /** The paging steps taken (pages, re-pages, escalations), for page deliveries. */
  steps: readonly PageStep[];
  /** Who caused it, when a person did. */
  actor?: { id: string; name: string } | undefined;
  team?: string | undefined;
  text?: string | undefined;
};

/** What the incident use cases are built from. */
export type IncidentDeps = {
  store: IncidentStore;
  /** A pack's incident section, or undefined when it has none (or the pack is unknown). */
  config: (pack: string) => IncidentsConfig | undefined;
  /** Whether a pack is loaded. */
  packExists: (pack: string) => boolean;
  /** The packs with an incident section, in load order. */
  incidentPacks: () => string[];
  teamName: (pack: string, team: string) => string;
  now: () => Date;
  /** Delivers a committed change (console pushes, webhooks); failures are logged, never thrown. */
  deliver: (change: IncidentChange) => Promise<void>;
};

/** An incident with the timeline entries to be shown beside it. */
export type IncidentWithTimeline = { incident: Incident; timeline: TimelineEntry[] };
