import type { Summary } from '../../src/protocol/analytics.ts';
import { formatCount, formatDuration, formatPercent, formatRating } from './format-metrics.ts';

type Tile = {
  key: string;
  label: string;
  value: string;
  detail: string;
  /** Rates per bucket for a sparkline (nulls are gaps). */
  trend?: (number | null)[];
  tone?: 'good' | 'warn' | 'bad';
};

/** The headline figures of the period: containment, handoff rate, abandonment, unnecessary handoffs, CSAT, time to agent. */
export function StatTiles({ summary: s }: { summary: Summary }) {
  const abandoned = s.abandonment.cancelled + s.abandonment.left;
  const tiles: Tile[] = [
    {
      key: 'containment',
      label: 'Containment',
      value: formatPercent(s.totals.containmentRate),
      detail: `${formatCount(s.totals.contained)} of ${formatCount(s.totals.ended)} ended without a person`,
      trend: s.series.map((b) => b.containmentRate),
    },
    {
      key: 'handoff-rate',
      label: 'Handoff rate',
      value: formatPercent(s.totals.handoffRate),
      detail: `${formatCount(s.totals.handedOff)} of ${formatCount(s.totals.conversations)} conversations`,
      trend: s.series.map((b) => b.handoffRate),
    },
    {
      key: 'abandonment',
      label: 'Abandonment',
      value: formatPercent(s.abandonment.rate),
      detail: `${formatCount(abandoned)} of ${formatCount(s.abandonment.handoffs)} waits: ${formatCount(s.abandonment.cancelled)} stopped waiting, ${formatCount(s.abandonment.left)} left`,
      tone: tone(s.abandonment.rate, 0.1, 0.2),
    },
    {
      key: 'unnecessary',
      label: 'Unnecessary handoffs',
      value: formatPercent(s.labels.unnecessaryRate),
      detail: `${formatCount(s.labels.unnecessary)} of ${formatCount(s.labels.count)} labelled · reason wrong ${formatPercent(s.labels.reasonWrongRate)}`,
      tone: tone(s.labels.unnecessaryRate, 0.15, 0.3),
    },
    {
      key: 'csat',
      label: 'CSAT',
      value: s.csat.average === null ? '–' : `${formatRating(s.csat.average)} / 5`,
      detail: `${formatCount(s.csat.count)} ratings`,
      tone:
        s.csat.average === null
          ? undefined
          : s.csat.average >= 4
            ? 'good'
            : s.csat.average < 3
              ? 'bad'
              : undefined,
    },
    {
      key: 'time-to-agent',
      label: 'Time to agent',
      value: formatDuration(s.timeToAgent.p50),
      detail: `median · p90 ${formatDuration(s.timeToAgent.p90)} · ${formatCount(s.slaBreaches.count)} SLA breaches`,
      tone: s.slaBreaches.count > 0 ? 'warn' : undefined,
    },
  ];
  return (
    <ul className="tiles" aria-label="Key figures">
      {tiles.map((t) => (
        <li key={t.key} className={`tile${t.tone ? ` tile-${t.tone}` : ''}`} data-tile={t.key}>
          <span className="tile-label">{t.label}</span>
          <strong className="tile-value">{t.value}</strong>
          <span className="tile-detail">{t.detail}</span>
          {t.trend && <Trend points={t.trend} label={`${t.label} per ${s.range.bucket}`} />}
        </li>
      ))}
    </ul>
  );
}

function tone(rate: number | null, warn: number, bad: number): Tile['tone'] {
  if (rate === null) return undefined;
  return rate >= bad ? 'bad' : rate >= warn ? 'warn' : undefined;
}

/** A small line of rates (0..1) per bucket; buckets without conversations are skipped. */
function Trend({ points, label }: { points: (number | null)[]; label: string }) {
  const w = 120;
  const h = 26;
  const known = points.flatMap((p, i) => (p === null ? [] : [[i, p] as const]));
  if (known.length < 2) return null;
  const step = points.length > 1 ? w / (points.length - 1) : 0;
  const d = known
    .map(
      ([i, p], k) => `${k === 0 ? 'M' : 'L'}${(i * step).toFixed(1)} ${(2 + (1 - p) * (h - 4)).toFixed(1)}`,
    )
    .join(' ');
  return (
    <svg className="tile-trend" width={w} height={h} viewBox={`0 0 ${w} ${h}`} role="img" aria-label={label}>
      <title>{label}</title>
      <path d={d} fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinejoin="round" />
    </svg>
  );
}
