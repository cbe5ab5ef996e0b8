import { describe, expect, it } from 'vitest';
import { liveWindows } from './live-windows.ts';

describe('liveWindows', () => {
  it.each([
    { name: 'none', changes: [], windows: [] },
    {
      name: 'one version, then an approval, then a rollback',
      changes: [
        { at: '2026-12-01T00:00:00Z', version: 1 },
        { at: '2026-12-03T00:00:00Z', version: 3 },
        { at: '2026-12-02T00:00:00Z', version: 2 },
        { at: '2026-12-04T00:00:00Z', version: 1 },
      ],
      windows: [
        { version: 1, from: '2026-12-01T00:00:00Z', to: '2026-12-02T00:00:00Z' },
        { version: 2, from: '2026-12-02T00:00:00Z', to: '2026-12-03T00:00:00Z' },
        { version: 3, from: '2026-12-03T00:00:00Z', to: '2026-12-04T00:00:00Z' },
        { version: 1, from: '2026-12-04T00:00:00Z', to: null },
      ],
    },
    {
      name: 'the same version made live twice in a row is one window',
      changes: [
        { at: '2026-12-01T00:00:00Z', version: 1 },
        { at: '2026-12-02T00:00:00Z', version: 1 },
      ],
      windows: [{ version: 1, from: '2026-12-01T00:00:00Z', to: null }],
    },
  ])('$name', ({ changes, windows }) => {
    expect(liveWindows(changes)).toEqual(windows);
  });
});
