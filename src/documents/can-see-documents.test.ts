import { describe, expect, it } from 'vitest';
import type { Caller } from '../http/define-route.ts';
import { canSeeDocuments } from './can-see-documents.ts';

const conversation = { id: 'conv_1', team: 'lending', assigneeId: 'agent_dana' };
const agent = (agentId: string, role: 'agent' | 'supervisor' | 'admin' = 'agent'): Caller => ({
  kind: 'agent',
  agentId,
  role,
  sv: 1,
  jti: 'j',
  exp: 0,
});
const customer = (conversationId: string): Caller => ({
  kind: 'customer',
  conversationId,
  customerId: 'cust_1',
  exp: 0,
});

describe('canSeeDocuments', () => {
  it.each([
    ['the customer of the conversation', customer('conv_1'), [], 'allowed'],
    ['a customer of another conversation', customer('conv_2'), [], 'denied'],
    ['the assignee', agent('agent_dana'), [], 'allowed'],
    ['an agent of the team', agent('agent_lee'), ['lending'], 'allowed'],
    ['an agent of another team', agent('agent_sam'), ['billing'], 'denied'],
    ['a supervisor', agent('sup', 'supervisor'), [], 'allowed'],
    ['an admin', agent('adm', 'admin'), [], 'allowed'],
    ['an API key', { kind: 'apiKey' } as Caller, [], 'denied'],
    ['nobody', { kind: 'anonymous' } as Caller, [], 'denied'],
  ] as const)('%s: %s', (_who, caller, teams, expected) => {
    expect(canSeeDocuments(caller, conversation, teams).kind).toBe(expected);
  });

  it('a conversation without team or assignee is seen by no plain agent', () => {
    expect(canSeeDocuments(agent('a'), { id: 'c', team: null, assigneeId: null }, ['lending']).kind).toBe(
      'denied',
    );
  });

  it('the team the customer booked an appointment with on the case sees them, another team does not', () => {
    const held = { id: 'c', team: null, assigneeId: null };
    expect(canSeeDocuments(agent('b'), held, ['branch'], ['branch']).kind).toBe('allowed');
    expect(canSeeDocuments(agent('b'), held, ['billing'], ['branch']).kind).toBe('denied');
    expect(canSeeDocuments(customer('conv_2'), held, [], ['branch']).kind).toBe('denied');
  });
});
