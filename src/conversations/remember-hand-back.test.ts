import { describe, expect, it } from 'vitest';
import { botMemorySchema } from '../protocol/bot-memory.ts';
import { rememberHandBack } from './remember-hand-back.ts';

const gaveUp = { flow: 'fix_e202', step: 'reinstall', failedCycles: 3, status: 'gave_up', startedTurn: 1 };

describe('rememberHandBack', () => {
  it('keeps the flow and step the person took over from, with their summary, and drops the running flow', () => {
    const after = rememberHandBack(
      { flow: gaveUp, topic: 'sync_error', awaiting: { intent: 'x', entity: 'y' } },
      { agent: 'Sam', summary: ' Re-linked the account. ', seq: 12 },
    );
    expect(after).toMatchObject({
      flow: null,
      awaiting: null,
      handBack: { agent: 'Sam', seq: 12 },
      settled: [
        {
          agent: 'Sam',
          summary: 'Re-linked the account.',
          seq: 12,
          topic: 'sync_error',
          flow: { flow: 'fix_e202', step: 'reinstall', status: 'gave_up' },
        },
      ],
    });
    expect(botMemorySchema.safeParse(after).success).toBe(true);
  });

  it('records a topic without a flow, an empty summary as none, and an unreadable flow as none', () => {
    const after = rememberHandBack({ flow: 'loan', topic: 42 }, { agent: 'Ana', summary: '  ', seq: 3 });
    expect(after.settled).toEqual([{ agent: 'Ana', summary: null, seq: 3, topic: null, flow: null }]);
  });

  it('keeps only the newest settled topics', () => {
    let memory: Record<string, unknown> = {};
    for (let seq = 1; seq <= 7; seq++)
      memory = rememberHandBack(memory, { agent: 'Sam', summary: `s${seq}`, seq });
    const settled = memory.settled as { seq: number }[];
    expect(settled.map((s) => s.seq)).toEqual([3, 4, 5, 6, 7]);
  });
});
