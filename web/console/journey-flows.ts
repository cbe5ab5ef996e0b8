import type { Journey, JourneyOutcome } from '../../src/protocol/analytics.ts';
import { humanize } from './format-metrics.ts';
import type { FlowLink, FlowNode } from './layout-sankey.ts';

/** The journey outcomes top to bottom, with their labels. */
export const outcomeLabels: Record<JourneyOutcome, string> = {
  resolved: 'Resolved',
  open: 'Still open',
  handed_back: 'Back to the bot',
  abandoned: 'Abandoned',
};
const outcomeRank: Record<JourneyOutcome, number> = { resolved: 0, open: 1, handed_back: 2, abandoned: 3 };

/** The four columns of the journey diagram. */
export const journeyColumns = ['Bot', 'Reason', 'Team', 'Outcome'] as const;

/**
 * The journey diagram's nodes and links from the summary's journeys: the bot -> the rule that handed off ->
 * the team it went to -> how the wait ended. The `maxRules` rules and `maxTeams` teams with the most handoffs
 * keep their own node; the rest are gathered in "Other reasons" / "Other teams". `teamName` names team ids.
 */
export function journeyFlows(
  journeys: readonly Journey[],
  options: { maxRules: number; maxTeams: number; teamName: (id: string) => string },
): { nodes: FlowNode[]; links: FlowLink[]; handoffs: number } {
  const rules = topKeys(journeys, (j) => j.rule, options.maxRules);
  const teams = topKeys(journeys, (j) => j.team, options.maxTeams);
  const ruleId = (rule: string) => (rules.has(rule) ? `rule:${rule}` : 'rule:*');
  const teamId = (team: string) => (teams.has(team) ? `team:${team}` : 'team:*');

  const nodes = new Map<string, FlowNode>();
  const links = new Map<string, FlowLink>();
  const node = (n: FlowNode) => {
    if (!nodes.has(n.id)) nodes.set(n.id, n);
    return n.id;
  };
  const link = (source: string, target: string, value: number) => {
    const key = `${source}>${target}`;
    const found = links.get(key);
    if (found) found.value += value;
    else links.set(key, { source, target, value });
  };
  const bot = node({ id: 'bot', label: 'Bot', column: 0 });
  let handoffs = 0;
  for (const j of journeys) {
    if (j.handoffs <= 0) continue;
    handoffs += j.handoffs;
    const r = node({
      id: ruleId(j.rule),
      label: rules.has(j.rule) ? humanize(j.rule) : 'Other reasons',
      column: 1,
      rank: rules.has(j.rule) ? 0 : 1,
    });
    const t = node({
      id: teamId(j.team),
      label: !teams.has(j.team) ? 'Other teams' : j.team === 'none' ? 'No team' : options.teamName(j.team),
      column: 2,
      rank: teams.has(j.team) ? 0 : 1,
    });
    const o = node({
      id: `outcome:${j.outcome}`,
      label: outcomeLabels[j.outcome],
      column: 3,
      rank: outcomeRank[j.outcome],
    });
    link(bot, r, j.handoffs);
    link(r, t, j.handoffs);
    link(t, o, j.handoffs);
  }
  return handoffs === 0
    ? { nodes: [], links: [], handoffs: 0 }
    : { nodes: [...nodes.values()], links: [...links.values()], handoffs };
}

/** The `max` keys with the most handoffs (all of them when one more would only make an "other" of one key). */
function topKeys(journeys: readonly Journey[], key: (j: Journey) => string, max: number): Set<string> {
  const counts = new Map<string, number>();
  for (const j of journeys) counts.set(key(j), (counts.get(key(j)) ?? 0) + j.handoffs);
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k);
  return new Set(ranked.length <= max + 1 ? ranked : ranked.slice(0, max));
}
