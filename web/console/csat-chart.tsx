import type { CsatPath, Summary } from '../../src/protocol/analytics.ts';
import { ChartCard, ChartSvg } from './chart-card.tsx';
import { colors } from './chart-colors.ts';
import { bandLayout, scaleLinear } from './chart-scale.ts';
import { formatCount, formatRating } from './format-metrics.ts';
import { useElementWidth } from './use-element-width.ts';

const height = 230;
const margin = { top: 22, right: 12, bottom: 44, left: 34 };

const paths: { key: CsatPath; label: string; color: string }[] = [
  { key: 'bot_only', label: 'Bot only', color: '#4f46e5' },
  { key: 'bot_then_human', label: 'Bot, then a person', color: '#0891b2' },
  { key: 'human_only', label: 'Person only', color: '#d97706' },
];

/** Average CSAT (1-5) by how the conversation went: the bot alone, the bot then a person, a person only. */
export function CsatChart({ summary }: { summary: Summary }) {
  const [ref, width] = useElementWidth<HTMLDivElement>(480);
  const byPath = new Map(summary.csat.byPath.map((g) => [g.key, g]));
  const innerW = Math.max(0, width - margin.left - margin.right);
  const innerH = height - margin.top - margin.bottom;
  const y = scaleLinear(5, innerH, 0);
  const bands = bandLayout(paths.length, innerW, 0.45);
  const overall = summary.csat.average;

  return (
    <ChartCard
      name="csat"
      title="CSAT by path"
      subtitle={`Average rating 1-5 · ${formatCount(summary.csat.count)} ratings, ${formatRating(overall)} overall`}
      empty={summary.csat.count === 0 ? 'No ratings in this period.' : null}
      legend={[
        ...paths.map((p) => ({
          key: p.key,
          label: p.label,
          color: p.color,
          value: `${formatRating(byPath.get(p.key)?.average)} (${formatCount(byPath.get(p.key)?.count ?? 0)})`,
        })),
        {
          key: 'all',
          label: 'All ratings',
          color: colors.label,
          shape: 'line' as const,
          value: formatRating(overall),
        },
      ]}
    >
      <div ref={ref} className="chart-box">
        <ChartSvg
          width={width}
          height={height}
          title="CSAT by path"
          description={paths
            .map((p) => {
              const g = byPath.get(p.key);
              return `${p.label}: ${g ? `${formatRating(g.average)} from ${g.count} ratings` : 'no ratings'}`;
            })
            .join('; ')}
        >
          <g transform={`translate(${margin.left},${margin.top})`}>
            {[0, 1, 2, 3, 4, 5].map((t) => (
              <g key={t} className="tick">
                <line x1={0} x2={innerW} y1={y(t)} y2={y(t)} stroke={colors.grid} />
                <text x={-8} y={y(t)} dy="0.32em" textAnchor="end">
                  {t}
                </text>
              </g>
            ))}
            {paths.map((p, i) => {
              const g = byPath.get(p.key);
              const x = bands.x(i);
              const cx = x + bands.bar / 2;
              return (
                <g key={p.key}>
                  {g && g.average !== null ? (
                    <>
                      <rect
                        className="mark"
                        x={x}
                        y={y(g.average)}
                        width={bands.bar}
                        height={innerH - y(g.average)}
                        rx={4}
                        fill={p.color}
                      >
                        <title>{`${p.label}: ${formatRating(g.average)} average from ${g.count} ratings`}</title>
                      </rect>
                      <text className="bar-value" x={cx} y={y(g.average) - 6} textAnchor="middle">
                        {formatRating(g.average)}
                      </text>
                    </>
                  ) : (
                    <>
                      <rect x={x} y={y(5)} width={bands.bar} height={innerH} rx={4} className="bar-missing" />
                      <text className="row-hint" x={cx} y={innerH / 2} textAnchor="middle">
                        no ratings
                      </text>
                    </>
                  )}
                  <text className="tick-x strong" x={cx} y={innerH + 17} textAnchor="middle">
                    {p.label}
                  </text>
                  <text className="tick-x" x={cx} y={innerH + 33} textAnchor="middle">
                    {g ? `${formatCount(g.count)} ratings` : '0 ratings'}
                  </text>
                </g>
              );
            })}
            {overall !== null && (
              <line
                className="mark"
                x1={0}
                x2={innerW}
                y1={y(overall)}
                y2={y(overall)}
                stroke={colors.label}
                strokeDasharray="5 4"
                strokeWidth={1.5}
              >
                <title>{`All ratings: ${formatRating(overall)}`}</title>
              </line>
            )}
            <line x1={0} x2={innerW} y1={innerH} y2={innerH} stroke={colors.axis} />
          </g>
        </ChartSvg>
      </div>
    </ChartCard>
  );
}
