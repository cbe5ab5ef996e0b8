import { describe, expect, it } from 'vitest';
import { layoutSankey } from './layout-sankey.ts';

const box = { width: 310, height: 100, nodeWidth: 10, gap: 10 };

describe('layoutSankey', () => {
  const nodes = [
    { id: 'bot', label: 'Bot', column: 0 },
    { id: 'a', label: 'A', column: 1 },
    { id: 'b', label: 'B', column: 1 },
    { id: 'done', label: 'Done', column: 2, rank: 0 },
    { id: 'lost', label: 'Lost', column: 2, rank: 1 },
  ];
  const links = [
    { source: 'bot', target: 'a', value: 3 },
    { source: 'bot', target: 'b', value: 6 },
    { source: 'a', target: 'done', value: 1 },
    { source: 'a', target: 'lost', value: 2 },
    { source: 'b', target: 'done', value: 6 },
  ];
  const out = layoutSankey({ nodes, links }, box);
  const node = (id: string) => out.nodes.find((n) => n.id === id)!;

  it('spreads columns evenly and scales heights so the fullest column fills the box', () => {
    // Column 1 and 2 each hold 9 across two nodes with one gap: (100 - 10) / 9 = 10 px per handoff.
    expect(out.nodes.map((n) => [n.id, n.x, n.y, n.height])).toEqual([
      ['bot', 0, 5, 90],
      ['b', 150, 0, 60],
      ['a', 150, 70, 30],
      ['done', 300, 0, 70],
      ['lost', 300, 80, 20],
    ]);
  });

  it('orders nodes by rank, then largest first', () => {
    expect(node('b').y).toBeLessThan(node('a').y);
    expect(node('done').y).toBeLessThan(node('lost').y);
  });

  it('stacks links at both ends in the order of the nodes at the other end', () => {
    const link = (s: string, t: string) => out.links.find((l) => l.source === s && l.target === t)!;
    // Leaving the bot: b (upper) first, then a.
    expect([link('bot', 'b').y0, link('bot', 'a').y0]).toEqual([35, 80]);
    // Entering done: from b (upper) first, then from a.
    expect([link('b', 'done').y1, link('a', 'done').y1]).toEqual([30, 65]);
    expect(link('a', 'lost')).toMatchObject({ thickness: 20, y0: 90, y1: 90 });
    expect(link('bot', 'b').path).toBe('M10 35 C80 35 80 30 150 30');
  });

  it('drops empty links and nodes, and lays out nothing without flows', () => {
    const sparse = layoutSankey(
      {
        nodes: [...nodes, { id: 'idle', label: 'Idle', column: 1 }],
        links: [...links, { source: 'bot', target: 'idle', value: 0 }],
      },
      box,
    );
    expect(sparse.nodes.map((n) => n.id)).not.toContain('idle');
    expect(sparse.links).toHaveLength(5);
    expect(layoutSankey({ nodes, links: [] }, box)).toEqual({ nodes: [], links: [] });
  });
});
