import { describe, expect, it } from 'vitest';
import { hiddenValue } from '../protocol/audit.ts';
import { describeChange, isNoChange } from './describe-change.ts';

describe('describeChange', () => {
  const rows: [string, Record<string, unknown> | null, Record<string, unknown> | null, unknown][] = [
    ['keeps a whole creation', null, { id: 't', name: 'A' }, { before: null, after: { id: 't', name: 'A' } }],
    [
      'keeps a whole removal',
      { id: 'm', title: 'Hi' },
      null,
      { before: { id: 'm', title: 'Hi' }, after: null },
    ],
    [
      'keeps only changed fields',
      { name: 'A', skills: ['x'], hours: { tz: 'UTC' } },
      { name: 'A', skills: ['x', 'y'], hours: { tz: 'UTC' } },
      { before: { skills: ['x'] }, after: { skills: ['x', 'y'] } },
    ],
    [
      'compares nested values by content',
      { hours: { timezone: 'Europe/Paris', weekly: { mon: ['09:00-17:00'] } } },
      { hours: { timezone: 'Europe/Paris', weekly: { mon: ['10:00-17:00'] } } },
      {
        before: { hours: { timezone: 'Europe/Paris', weekly: { mon: ['09:00-17:00'] } } },
        after: { hours: { timezone: 'Europe/Paris', weekly: { mon: ['10:00-17:00'] } } },
      },
    ],
    [
      'a field that appears is null before',
      { a: 1 },
      { a: 1, b: 2 },
      { before: { b: null }, after: { b: 2 } },
    ],
  ];
  it.each(rows)('%s', (_name, before, after, expected) => {
    expect(describeChange(before, after)).toEqual(expected);
  });

  it('marks a changed secret without storing it', () => {
    const change = describeChange({ secret: 'whsec_a', url: 'u' }, { secret: 'whsec_b', url: 'u' }, [
      'secret',
    ]);
    expect(change).toEqual({ before: { secret: hiddenValue }, after: { secret: hiddenValue } });
    expect(JSON.stringify(change)).not.toContain('whsec_');
  });

  it('hides secrets in a creation too', () => {
    expect(describeChange(null, { url: 'u', secret: 's' }, ['secret']).after).toEqual({
      url: 'u',
      secret: hiddenValue,
    });
  });

  it('tells an update that changed nothing', () => {
    expect(isNoChange(describeChange({ a: 1 }, { a: 1 }))).toBe(true);
    expect(isNoChange(describeChange({ a: 1 }, { a: 2 }))).toBe(false);
    expect(isNoChange(describeChange(null, { a: 1 }))).toBe(false);
  });
});
