import { describe, expect, it } from 'vitest';
import { quietUntil } from './quiet-hours.ts';

const london = { timezone: 'Europe/London', from: '22:00', to: '07:00' };

describe('quietUntil', () => {
  it.each([
    ['before the window', '2026-01-05T21:59:30Z', null],
    ['at its start', '2026-01-05T22:00:00Z', '2026-01-06T07:00:00.000Z'],
    ['after midnight', '2026-01-06T03:15:20Z', '2026-01-06T07:00:00.000Z'],
    ['at its end', '2026-01-06T07:00:00Z', null],
    ['in the day', '2026-01-06T12:00:00Z', null],
  ])('%s', (_name, at, expected) => {
    expect(quietUntil(london, new Date(at))?.toISOString() ?? null).toBe(expected);
  });

  it('reads the window in its own time zone (New York is five hours behind in winter)', () => {
    const ny = { timezone: 'America/New_York', from: '20:00', to: '06:00' };
    expect(quietUntil(ny, new Date('2026-01-06T02:00:00Z'))?.toISOString()).toBe('2026-01-06T11:00:00.000Z');
    expect(quietUntil(ny, new Date('2026-01-06T12:00:00Z'))).toBeNull();
  });

  it('has no quiet hours when none are set or the window is empty', () => {
    expect(quietUntil(undefined, new Date('2026-01-06T03:00:00Z'))).toBeNull();
    expect(quietUntil({ ...london, to: '22:00' }, new Date('2026-01-06T22:30:00Z'))).toBeNull();
  });

  it('handles a window within one day', () => {
    const lunch = { timezone: 'UTC', from: '12:00', to: '13:30' };
    expect(quietUntil(lunch, new Date('2026-01-06T12:45:00Z'))?.toISOString()).toBe(
      '2026-01-06T13:30:00.000Z',
    );
  });
});
