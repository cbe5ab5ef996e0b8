import type { IncidentPolicy, QuietHours, Severity } from '../protocol/incident.ts';
import { quietUntil } from './quiet-hours.ts';

/** A team's page as the planner sees it: how often it was paged and when it is due next (null: done or acked). */
export type PageState = {
  team: string;
  level: number;
  pages: number;
  dueAt: Date | null;
  acked: boolean;
};

/** Something that happened while planning, for the timeline and the deliveries. */
export type PageStep =
  | { kind: 'paged' | 'repaged'; team: string; level: number; pages: number }
  | { kind: 'held'; team: string; until: Date }
  | { kind: 'unreachable'; team: string; level: number }
  | { kind: 'escalated'; team: string; level: number; from: string };

/** The pages after a planning pass, the ladder level reached, and what to tell people. */
export type PagePlan = { pages: PageState[]; ladderLevel: number; steps: PageStep[] };

/** What the planner needs besides the pages. */
export type PlanInput = {
  policy: Pick<IncidentPolicy, 'ackSeconds' | 'repeat' | 'ladder'>;
  severity: Severity;
  quietHours?: QuietHours | undefined;
  ladderLevel: number;
  /** Console users online per team; a team with none is not paged but escalated past at once. */
  online: Readonly<Record<string, number>>;
  now: Date;
};

/**
 * Moves every due page on: a first page or a re-page with a new ack deadline, up to `repeat` re-pages; then (or at
 * once for a team with nobody online) the next rung of the ladder is paged, once per incident. Non-critical pages
 * wait for quiet hours to end. Pure: the caller stores the result and delivers the steps.
 */
export function planPages(current: readonly PageState[], input: PlanInput): PagePlan {
  const { policy, now } = input;
  const pages = current.map((p) => ({ ...p }));
  const steps: PageStep[] = [];
  let ladderLevel = input.ladderLevel;
  const ackDue = () => new Date(now.getTime() + policy.ackSeconds * 1000);
  const quietEnd = input.severity === 'critical' ? null : quietUntil(input.quietHours, now);

  const escalateFrom = (from: PageState) => {
    const level = from.level + 1;
    const team = policy.ladder[level - 1];
    if (!team || level <= ladderLevel) return;
    ladderLevel = level;
    steps.push({ kind: 'escalated', team, level, from: from.team });
    const existing = pages.find((p) => p.team === team);
    // A team already paged at a lower rung is not paged twice; its own timer goes on.
    if (existing) return;
    const page: PageState = { team, level, pages: 0, dueAt: now, acked: false };
    pages.push(page);
    move(page);
  };

  const move = (page: PageState) => {
    if (page.acked || !page.dueAt || page.dueAt.getTime() > now.getTime()) return;
    if (quietEnd) {
      page.dueAt = quietEnd;
      steps.push({ kind: 'held', team: page.team, until: quietEnd });
      return;
    }
    if ((input.online[page.team] ?? 0) === 0) {
      page.dueAt = null;
      steps.push({ kind: 'unreachable', team: page.team, level: page.level });
      escalateFrom(page);
      return;
    }
    if (page.pages < 1 + policy.repeat) {
      page.pages += 1;
      page.dueAt = ackDue();
      steps.push({
        kind: page.pages === 1 ? 'paged' : 'repaged',
        team: page.team,
        level: page.level,
        pages: page.pages,
      });
      return;
    }
    page.dueAt = null;
    escalateFrom(page);
  };

  for (const page of [...pages].sort((a, b) => a.level - b.level)) move(page);
  return { pages, ladderLevel, steps };
}

/** The first pages of a new incident: every team of the policy at once, due now. */
export function firstPages(policy: Pick<IncidentPolicy, 'page'>, now: Date): PageState[] {
  return [...new Set(policy.page)].map((team) => ({ team, level: 0, pages: 0, dueAt: now, acked: false }));
}
