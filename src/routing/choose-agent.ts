/** What the router knows about one agent when choosing. */
export type AgentCandidate = {
  id: string;
  status: 'online' | 'away' | 'offline';
  teams: readonly string[];
  skills: readonly string[];
  capacity: number;
  /** Conversations assigned plus offers pending. */
  load: number;
  /** When the agent last got a conversation (ms), null if never: longest idle goes first. */
  lastAssignedAt: number | null;
};

/** What the conversation needs. */
export type AgentRequest = {
  team: string;
  /** Skills that stand in for team membership (an agent holding all of them is eligible). */
  teamSkills: readonly string[];
  /** Skills this conversation needs; ignored once `relaxSkills` is set. */
  requiredSkills: readonly string[];
  relaxSkills: boolean;
  /** Agents who declined or let an offer expire for this conversation. */
  exclude: readonly string[];
  strategy: 'least_busy' | 'round_robin';
  /** For round robin: the agent picked last for this team. */
  lastPicked: string | null;
};

const holdsAll = (have: readonly string[], need: readonly string[]) => need.every((s) => have.includes(s));

/** Whether an agent may take a conversation: online, in the team (or holding its skills), under capacity, not excluded. */
export function isEligible(agent: AgentCandidate, request: AgentRequest): boolean {
  if (agent.status !== 'online' || agent.load >= agent.capacity || request.exclude.includes(agent.id))
    return false;
  const inTeam =
    agent.teams.includes(request.team) ||
    (request.teamSkills.length > 0 && holdsAll(agent.skills, request.teamSkills));
  if (!inTeam) return false;
  return request.relaxSkills || holdsAll(agent.skills, request.requiredSkills);
}

/** Picks the agent for a conversation, or null when nobody is eligible. */
export function chooseAgent(candidates: readonly AgentCandidate[], request: AgentRequest): string | null {
  const eligible = candidates.filter((a) => isEligible(a, request));
  if (eligible.length === 0) return null;
  if (request.strategy === 'round_robin') {
    const ids = eligible.map((a) => a.id).sort();
    return ids.find((id) => request.lastPicked === null || id > request.lastPicked) ?? ids[0]!;
  }
  const sorted = [...eligible].sort(
    (a, b) =>
      a.load / a.capacity - b.load / b.capacity ||
      (a.lastAssignedAt ?? Number.NEGATIVE_INFINITY) - (b.lastAssignedAt ?? Number.NEGATIVE_INFINITY) ||
      (a.id < b.id ? -1 : 1),
  );
  return sorted[0]!.id;
}
