/** Whether a console user takes part in an incident: supervisors and admins always, others when a team of theirs was paged. */
export function canActOnIncident(
  incident: { pages: readonly { team: string }[] },
  who: { role: string; teams: readonly string[] },
): boolean {
  if (who.role === 'supervisor' || who.role === 'admin') return true;
  return incident.pages.some((p) => who.teams.includes(p.team));
}
