import type { Summary } from '../../src/protocol/analytics.ts';
import { ChartCard, ChartSvg } from './chart-card.tsx';
import { colors } from './chart-colors.ts';
import { niceAxis, scaleLinear } from './chart-scale.ts';
import { formatCount, formatPercent } from './format-metrics.ts';
import { useElementWidth } from './use-element-width.ts';

const rowHeight = 30;
const labelWidth = 150;
const margin = { top: 6, right: 84, bottom: 26 };

/** First-reply SLA breaches per team, most first, with each team's share of its handoffs. */
export function SlaBreachesChart({
  summary,
  teamName,
}: {
  summary: Summary;
  teamName: (id: string) => string;
}) {
  const [ref, width] = useElementWidth<HTMLDivElement>(480);
  const rows = summary.slaBreaches.byTeam;
  const handoffs = new Map(summary.byTeam.map((t) => [t.key, t.handoffs]));
  const innerW = Math.max(40, width - labelWidth - margin.right);
  const height = margin.top + rows.length * rowHeight + margin.bottom;
  const axis = niceAxis(Math.max(0, ...rows.map((r) => r.count)), 4, true);
  const x = scaleLinear(axis.max, 0, innerW);
  const label = (key: string) => (key === 'none' ? 'No team' : teamName(key));
  const bottom = margin.top + rows.length * rowHeight;

  return (
    <ChartCard
      name="sla-breaches"
      title="SLA breaches by team"
      subtitle={`No agent reply within the team's first-reply target · ${formatCount(summary.slaBreaches.count)} in all`}
      empty={rows.length === 0 ? 'No SLA breaches in this period.' : null}
      legend={[{ key: 'breaches', label: 'Breaches (share of the team’s handoffs)', color: colors.breach }]}
    >
      <div ref={ref} className="chart-box">
        <ChartSvg
          width={width}
          height={height}
          title="SLA breaches by team"
          description={rows.map((r) => `${label(r.key)}: ${r.count}`).join('; ')}
        >
          <g transform={`translate(${labelWidth},0)`}>
            {axis.ticks.map((t) => (
              <g key={t} className="tick">
                <line x1={x(t)} x2={x(t)} y1={margin.top} y2={bottom} stroke={colors.grid} />
                <text x={x(t)} y={bottom + 16} textAnchor="middle">
                  {t}
                </text>
              </g>
            ))}
          </g>
          {rows.map((r, i) => {
            const y = margin.top + i * rowHeight;
            const share = handoffs.get(r.key) ? r.count / handoffs.get(r.key)! : null;
            return (
              <g key={r.key}>
                <text
                  className="row-label"
                  x={labelWidth - 10}
                  y={y + rowHeight / 2}
                  dy="0.32em"
                  textAnchor="end"
                >
                  {truncate(label(r.key), 20)}
                  <title>{label(r.key)}</title>
                </text>
                <rect
                  className="mark"
                  x={labelWidth}
                  y={y + 6}
                  width={Math.max(2, x(r.count))}
                  height={rowHeight - 12}
                  rx={3}
                  fill={colors.breach}
                >
                  <title>{`${label(r.key)}: ${r.count} breaches`}</title>
                </rect>
                <text
                  className="bar-value"
                  x={labelWidth + Math.max(2, x(r.count)) + 6}
                  y={y + rowHeight / 2}
                  dy="0.32em"
                >
                  {r.count}
                  {share !== null && <tspan className="muted-text"> ({formatPercent(share)})</tspan>}
                </text>
              </g>
            );
          })}
          <line x1={labelWidth} x2={labelWidth} y1={margin.top} y2={bottom} stroke={colors.axis} />
        </ChartSvg>
      </div>
    </ChartCard>
  );
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
