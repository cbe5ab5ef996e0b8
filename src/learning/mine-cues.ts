import type { EscalationPack } from '../escalation/escalation-pack.ts';
import type { PreparedConversation } from '../protocol/learning.ts';
import { contentWords } from './content-words.ts';
import type { Candidate } from './mine-policy.ts';

const MIN_NEEDED = 3;
const MAX_TERMS = 12;

/**
 * Cue proposals: per team, the words customers used by the labelled handoff turn in at least three
 * conversations that needed that team and in none the bot handled; they become a pack risk read by a rule
 * that hands off to the team. Pure.
 */
export function mineCues(pack: EscalationPack, history: readonly PreparedConversation[]): Candidate[] {
  const needed = new Map<string, Map<string, Set<string>>>();
  const handled = new Set<string>();
  for (const p of history) {
    const e = p.conversation.expect;
    if (!e.handoff) {
      for (const t of p.turns) for (const w of contentWords(t.text)) handled.add(w);
      continue;
    }
    if (!pack.teams.includes(e.team)) continue;
    const words = needed.get(e.team) ?? new Map<string, Set<string>>();
    needed.set(e.team, words);
    const t = p.turns[Math.min(e.turn, p.turns.length) - 1];
    for (const w of contentWords(t?.text ?? ''))
      words.set(w, (words.get(w) ?? new Set()).add(p.conversation.id));
  }
  const out: Candidate[] = [];
  for (const [team, words] of needed) {
    const top = [...words]
      .filter(([w, ids]) => ids.size >= MIN_NEEDED && !handled.has(w))
      .sort((a, b) => b[1].size - a[1].size || (a[0] < b[0] ? -1 : 1))
      .slice(0, MAX_TERMS);
    if (top.length === 0) continue;
    const terms = top.map(([w]) => w).sort();
    const id = `learned-${team}`.replace(/_/g, '-');
    out.push({
      key: `cue:${team}`,
      kind: 'policy_cue',
      title: `Hand off to ${team} when customers say ${terms.slice(0, 4).join(', ')}${terms.length > 4 ? ', ...' : ''}`,
      evidence: {
        conversations: [...new Set(top.flatMap(([, ids]) => [...ids]))].slice(0, 8),
        terms,
        counts: Object.fromEntries(top.map(([w, ids]) => [w, ids.size])),
        quotes: [],
      },
      change: [
        {
          op: 'put_risk',
          risk: { id, label: `What conversations that needed ${team} said`, cues: [{ any: terms }] },
        },
        {
          op: 'put_rule',
          rule: {
            id,
            label: `Words of conversations that needed ${team}`,
            when: { signal: `risk:${id}` },
            impact: 0.8,
            team,
          },
        },
      ],
    });
  }
  return out;
}
