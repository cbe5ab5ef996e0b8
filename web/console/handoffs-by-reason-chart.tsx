import type { Summary } from '../../src/protocol/analytics.ts';
import { ChartCard, ChartSvg } from './chart-card.tsx';
import { colors } from './chart-colors.ts';
import { bandLayout, labelEvery, niceAxis, scaleLinear } from './chart-scale.ts';
import { bucketLabel } from './dashboard-period.ts';
import { formatCount, formatPercent, humanize } from './format-metrics.ts';
import { otherKey, stackSeries } from './stack-series.ts';
import { useElementWidth } from './use-element-width.ts';

const height = 250;
const margin = { top: 24, right: 8, bottom: 26, left: 40 };

/** Handoffs per hour or day, stacked by the rule that decided, with a legend of each reason's total. */
export function HandoffsByReasonChart({
  summary,
  colorOf,
  maxKeys,
}: {
  summary: Summary;
  colorOf: (key: string) => string;
  maxKeys: number;
}) {
  const [ref, width] = useElementWidth<HTMLDivElement>(900);
  const stacked = stackSeries(
    summary.series.map((b) => ({ start: b.start, counts: b.handoffsByRule })),
    maxKeys,
  );
  const total = Object.values(stacked.totals).reduce((a, b) => a + b, 0);
  const label = (key: string) => (key === otherKey ? 'Other reasons' : humanize(key));
  const innerW = Math.max(0, width - margin.left - margin.right);
  const innerH = height - margin.top - margin.bottom;
  const axis = niceAxis(stacked.max, 4, true);
  const y = scaleLinear(axis.max, innerH, 0);
  const bands = bandLayout(stacked.buckets.length, innerW, stacked.buckets.length > 40 ? 0.15 : 0.3);
  const showLabel = labelEvery(stacked.buckets.length, Math.floor(innerW / 52));
  const per = summary.range.bucket === 'hour' ? 'hour' : 'day';

  return (
    <ChartCard
      name="handoffs-by-reason"
      title="Handoffs by reason"
      subtitle={`Per ${per}, by the rule that handed off · ${formatCount(total)} handoffs, ${formatPercent(summary.totals.handoffRate)} of conversations`}
      wide
      empty={total === 0 ? 'No handoffs in this period.' : null}
      legend={stacked.keys.map((k) => ({
        key: k,
        label: label(k),
        color: colorOf(k),
        value: formatCount(stacked.totals[k] ?? 0),
      }))}
    >
      <div ref={ref} className="chart-box">
        <ChartSvg
          width={width}
          height={height}
          title="Handoffs by reason over time"
          description={`Stacked bars of handoffs per ${per}; ${stacked.keys
            .map((k) => `${label(k)} ${stacked.totals[k] ?? 0}`)
            .join(', ')}.`}
        >
          <g transform={`translate(${margin.left},${margin.top})`}>
            {axis.ticks.map((t) => (
              <g key={t} className="tick">
                <line x1={0} x2={innerW} y1={y(t)} y2={y(t)} stroke={colors.grid} />
                <text x={-8} y={y(t)} dy="0.32em" textAnchor="end">
                  {t}
                </text>
              </g>
            ))}
            <text className="axis-title" x={-margin.left} y={-14}>
              handoffs
            </text>
            {stacked.buckets.map((b, i) => (
              <g key={b.start}>
                {b.segments.map((s) => (
                  <rect
                    key={s.key}
                    className="mark"
                    x={bands.x(i)}
                    y={y(s.y1)}
                    width={Math.max(1, bands.bar)}
                    height={Math.max(0, y(s.y0) - y(s.y1) - (s.y0 > 0 ? 1 : 0))}
                    fill={colorOf(s.key)}
                    rx={bands.bar > 8 ? 2 : 0}
                  >
                    <title>{`${bucketLabel(b.start, summary.range.bucket)} · ${label(s.key)}: ${s.value}`}</title>
                  </rect>
                ))}
                {showLabel(i) && (
                  <text className="tick-x" x={bands.x(i) + bands.bar / 2} y={innerH + 17} textAnchor="middle">
                    {bucketLabel(b.start, summary.range.bucket)}
                  </text>
                )}
              </g>
            ))}
            <line x1={0} x2={innerW} y1={innerH} y2={innerH} stroke={colors.axis} />
          </g>
        </ChartSvg>
      </div>
    </ChartCard>
  );
}
