import type { Summary } from '../../src/protocol/analytics.ts';
import { ChartCard, ChartSvg } from './chart-card.tsx';
import { colors } from './chart-colors.ts';
import { niceAxis } from './chart-scale.ts';
import { formatCount, formatDuration, formatSignedDuration } from './format-metrics.ts';
import { useElementWidth } from './use-element-width.ts';

const height = 150;
const pad = 24;

/**
 * How far the waits customers were told were off: the typical miss (mean absolute error) as a band around
 * "on time", and the average bias (mean signed error) as a bar, earlier to the left and later to the right.
 */
export function WaitEstimateChart({ summary }: { summary: Summary }) {
  const [ref, width] = useElementWidth<HTMLDivElement>(480);
  const { count, meanAbsoluteErrorSeconds: mae, meanErrorSeconds: bias } = summary.waitEstimates;
  const reach = niceAxis(Math.max(Math.abs(bias ?? 0), mae ?? 0, 1) * 1.15, 2).max;
  const ticks = [-reach, -reach / 2, 0, reach / 2, reach];
  const innerW = Math.max(40, width - 2 * pad);
  const x = (v: number) => Math.round((pad + ((v + reach) / (2 * reach)) * innerW) * 10) / 10;
  const mid = x(0);
  const late = (bias ?? 0) > 0;
  const barY = 46;

  return (
    <ChartCard
      name="wait-estimates"
      title="Wait-estimate accuracy"
      subtitle={`Actual wait minus the estimate told · ${formatCount(count)} waits that reached an agent`}
      empty={count === 0 || mae === null ? 'No estimated wait reached an agent in this period.' : null}
      aside={
        mae === null ? null : (
          <div className="figure">
            <strong>±{formatDuration(mae)}</strong>
            <span>typical miss</span>
          </div>
        )
      }
      legend={[
        { key: 'mae', label: 'Typical miss (mean absolute error)', color: '#a5f3fc' },
        {
          key: 'bias',
          label: late ? 'On average later than told' : 'On average earlier than told',
          color: late ? colors.late : colors.early,
          value: formatSignedDuration(bias),
        },
      ]}
    >
      <div ref={ref} className="chart-box">
        <ChartSvg
          width={width}
          height={height}
          title="Wait-estimate accuracy"
          description={`Estimates miss by ${formatDuration(mae)} on average; agents come ${formatSignedDuration(bias)} relative to the estimate on average.`}
        >
          <text className="row-hint" x={pad} y={16}>
            ← earlier than told
          </text>
          <text className="row-hint" x={width - pad} y={16} textAnchor="end">
            later than told →
          </text>
          {mae !== null && (
            <rect
              className="mark"
              x={x(-mae)}
              y={barY - 16}
              width={Math.max(2, x(mae) - x(-mae))}
              height={52}
              rx={6}
              fill="#cffafe"
              stroke="#67e8f9"
            >
              <title>{`Typical miss ±${formatDuration(mae)}`}</title>
            </rect>
          )}
          {bias !== null && (
            <rect
              className="mark"
              x={Math.min(mid, x(bias))}
              y={barY}
              width={Math.max(2, Math.abs(x(bias) - mid))}
              height={20}
              rx={3}
              fill={late ? colors.late : colors.early}
            >
              <title>{`Average bias ${formatSignedDuration(bias)}`}</title>
            </rect>
          )}
          <line x1={mid} x2={mid} y1={barY - 24} y2={barY + 44} stroke={colors.bot} strokeWidth={1.5} />
          <text className="row-label" x={mid} y={barY - 28} textAnchor="middle">
            on time
          </text>
          <line x1={pad} x2={width - pad} y1={barY + 50} y2={barY + 50} stroke={colors.axis} />
          {ticks.map((t) => (
            <g key={t} className="tick">
              <line x1={x(t)} x2={x(t)} y1={barY + 50} y2={barY + 55} stroke={colors.axis} />
              <text x={x(t)} y={barY + 70} textAnchor="middle">
                {t === 0 ? '0' : formatSignedDuration(t)}
              </text>
            </g>
          ))}
        </ChartSvg>
      </div>
    </ChartCard>
  );
}
