import { describe, expect, it } from 'vitest';
import { minimalPackYaml } from './minimal-pack.fixture.ts';
import { PackError } from './pack-error.ts';
import { parsePack } from './parse-pack.ts';

/** Parses and returns the PackError's issues (fails the test if the pack loads). */
function issuesOf(text: string) {
  try {
    parsePack(text, 'packs/broken.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(PackError);
    return { error: err as PackError, issues: (err as PackError).issues };
  }
  throw new Error('expected the pack to be refused');
}

describe('parsePack', () => {
  it('accepts a minimal pack and fills the defaults', () => {
    const pack = parsePack(minimalPackYaml, 'demo.yaml');
    expect(pack.intents).toHaveLength(3);
    expect(pack.messages.greeting).toMatch(/help/);
    expect(pack.settings.minConfidence).toBeGreaterThan(0);
    expect(pack.policy).toEqual({});
    expect(pack.intents[0]?.patterns).toEqual([]);
  });

  it.each([
    {
      name: 'too few examples',
      edit: (t: string) => t.replace('examples: [hi, hello, hey, good morning, hi there,', 'examples: ['),
      path: 'intents[0].examples',
      message: /at least 10 examples/,
      at: '    examples: [',
    },
    {
      name: 'a typo in a key',
      edit: (t: string) => t.replace('    answer: Hello there!', '    anwser: Hello there!'),
      path: 'intents[0]',
      message: /anwser/,
      at: '  - id: greeting',
    },
    {
      name: 'a wrong type',
      edit: (t: string) => t.replace('name: Demo Shop', 'name: [Demo, Shop]'),
      path: 'name',
      message: /string/,
      at: 'name: [',
    },
    {
      name: 'an unknown team',
      edit: (t: string) => t.replace('    team: orders\n', '    team: shipping\n'),
      path: 'intents[1].team',
      message: /unknown team "shipping" \(teams: support, orders\)/,
      at: 'team: shipping',
    },
    {
      name: 'a text naming an unknown team',
      edit: (t: string) => t.replace('answer: Hello there!', 'answer: Hello from our {{teams.sales}} team!'),
      path: 'intents[0].answer',
      message: /unknown team "sales" \(teams: support, orders\)/,
      at: 'answer: Hello from',
    },
    {
      name: 'an unknown tool',
      edit: (t: string) => t.replace('tool: { id: orders }', 'tool: { id: order_lookup }'),
      path: 'intents[1].tool.id',
      message: /unknown tool "order_lookup"/,
      at: 'tool: {',
    },
    {
      name: 'no default team',
      edit: (t: string) => t.replace('    default: true\n', ''),
      path: 'teams',
      message: /exactly one team/,
      at: '  - id: support',
    },
    {
      name: 'two default teams',
      edit: (t: string) => t.replace('    name: Orders\n', '    name: Orders\n    default: true\n'),
      path: 'teams[1].default',
      message: /exactly one team/,
      at: '    default: true',
    },
    {
      name: 'a broken regular expression',
      edit: (t: string) =>
        t.replace('    tags: [smalltalk]\n', "    tags: [smalltalk]\n    patterns: ['(unclosed']\n"),
      path: 'intents[0].patterns[0]',
      message: /invalid regular expression/,
      at: "'(unclosed'",
    },
    {
      name: 'an unknown entity type as tool key',
      edit: (t: string) => t.replace('    key: order_id', '    key: order_number'),
      path: 'tools[0].key',
      message: /unknown entity type "order_number"/,
      at: 'key: order_number',
    },
  ])('refuses $name with the path, line and message', ({ edit, path, message, at }) => {
    const text = edit(minimalPackYaml);
    const line = text.slice(0, text.lastIndexOf(at)).split('\n').length;
    const { error, issues } = issuesOf(text);
    const issue = issues.find((i) => i.path === path);
    expect(issue, JSON.stringify(issues)).toBeDefined();
    expect(issue?.message).toMatch(message);
    expect(issue?.line).toBe(line);
    expect(error.message).toContain('packs/broken.yaml');
    expect(error.message).toContain(path);
  });

  it('reports YAML syntax errors with their line', () => {
    const { issues } = issuesOf(minimalPackYaml.replace('name: Demo Shop', 'name: Demo: Shop: x'));
    expect(issues[0]?.message).toMatch(/^YAML syntax/);
    expect(issues[0]?.line).toBe(2);
  });

  it('refuses duplicate ids and dangling flow steps', () => {
    const text = `${minimalPackYaml}flows:
  - id: fix
    steps:
      - { id: one, say: Try this, next: three }
      - { id: one, say: Then this }
`;
    const { issues } = issuesOf(text.replace('  - id: opening_hours', '  - id: greeting'));
    expect(issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['intents[2].id', 'flows[0].steps[1].id', 'flows[0].steps[0].next']),
    );
  });
});
