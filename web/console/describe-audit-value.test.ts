import { describe, expect, it } from 'vitest';
import { auditFields, describeAuditValue } from './describe-audit-value.ts';

describe('describeAuditValue', () => {
  it.each([
    [null, '—'],
    ['', '(empty)'],
    [['a', 'b'], 'a, b'],
    [[], '(none)'],
    [3, '3'],
    [false, 'false'],
    [
      {
        timezone: 'Asia/Tokyo',
        weekly: { mon: ['09:00-12:00', '13:00-17:00'], sat: ['10:00-14:00'], sun: [] },
      },
      'Asia/Tokyo: Mon 09:00-12:00, 13:00-17:00; Sat 10:00-14:00',
    ],
    [{ timezone: 'UTC', weekly: {} }, 'UTC: closed every day'],
    [{ normal: 600 }, '{"normal":600}'],
  ])('%j reads as %s', (value, text) => {
    expect(describeAuditValue(value)).toBe(text);
  });

  it('lists the fields of a change, a creation and a removal', () => {
    expect(auditFields({ name: 'A' }, { name: 'B' })).toEqual([{ field: 'name', before: 'A', after: 'B' }]);
    expect(auditFields(null, { title: 'Hi' })).toEqual([{ field: 'title', before: null, after: 'Hi' }]);
    expect(auditFields({ title: 'Hi' }, null)).toEqual([{ field: 'title', before: 'Hi', after: null }]);
  });
});
