import { describe, expect, it } from 'vitest';
import { scopeInbox } from './scope-inbox.ts';

const conv = (id: string, team: string | null, assigneeId: string | null = null) => ({
  id,
  team,
  assigneeId,
});
const all = [
  conv('bank-queued', 'support'),
  conv('clinic-emergency', 'nurse_line'),
  conv('bot', null),
  conv('transferred-to-me', 'fraud', 'a1'),
];
const agent = { agentId: 'a1', role: 'agent' as const, teams: ['support'] };

describe('scopeInbox', () => {
  it("shows an agent their teams' conversations, the bot's and their own, never another team's", () => {
    const r = scopeInbox(all, agent, 'teams');
    expect(r.kind === 'ok' && r.items.map((c) => c.id)).toEqual(['bank-queued', 'bot', 'transferred-to-me']);
  });

  it('refuses every team to an agent, and gives it to supervisors and admins', () => {
    expect(scopeInbox(all, agent, 'all').kind).toBe('refused');
    const r = scopeInbox(all, { ...agent, role: 'supervisor', teams: [] }, 'all');
    expect(r.kind === 'ok' && r.items).toHaveLength(4);
  });

  it('scopes a supervisor to the teams they take chats of by default', () => {
    const r = scopeInbox(all, { agentId: 's1', role: 'supervisor', teams: ['nurse_line'] }, 'teams');
    expect(r.kind === 'ok' && r.items.map((c) => c.id)).toEqual(['clinic-emergency', 'bot']);
  });
});
