import { useId } from 'react';
import type { PackSummary } from './api-client.ts';
import { isoDay, type Period, presetLabels } from './dashboard-period.ts';

type Props = {
  period: Period;
  pack: string | null;
  packs: readonly PackSummary[];
  now: number;
  onPeriod: (p: Period) => void;
  onPack: (pack: string | null) => void;
};

const presets = ['24h', '7d', '30d'] as const;

/** The period (last 24 hours, 7 days, 30 days, or custom UTC dates) and the pack the dashboard's figures cover. */
export function PeriodPicker({ period, pack, packs, now, onPeriod, onPack }: Props) {
  const packId = useId();
  const custom = period.kind === 'custom' ? period : null;
  return (
    <div className="period-picker">
      <fieldset className="seg" aria-label="Period">
        {presets.map((p) => (
          <label key={p} className={period.kind === p ? 'seg-on' : undefined}>
            <input
              type="radio"
              name="period"
              checked={period.kind === p}
              onChange={() => onPeriod({ kind: p })}
            />
            {presetLabels[p]}
          </label>
        ))}
        <label className={custom ? 'seg-on' : undefined}>
          <input
            type="radio"
            name="period"
            checked={custom !== null}
            onChange={() => onPeriod({ kind: 'custom', from: isoDay(now, 6), to: isoDay(now) })}
          />
          Custom
        </label>
      </fieldset>
      {custom && (
        <span className="date-range">
          <label>
            <span className="sr-only">From (UTC)</span>
            <input
              type="date"
              value={custom.from}
              max={custom.to}
              onChange={(e) => onPeriod({ ...custom, from: e.target.value })}
            />
          </label>
          <span aria-hidden="true">–</span>
          <label>
            <span className="sr-only">To (UTC)</span>
            <input
              type="date"
              value={custom.to}
              min={custom.from}
              onChange={(e) => onPeriod({ ...custom, to: e.target.value })}
            />
          </label>
          <small className="muted">UTC</small>
        </span>
      )}
      <span className="pack-filter">
        <label htmlFor={packId}>Pack</label>
        <select id={packId} value={pack ?? ''} onChange={(e) => onPack(e.target.value || null)}>
          <option value="">All packs</option>
          {packs.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </span>
    </div>
  );
}
