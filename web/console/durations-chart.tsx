import type { Duration, Summary } from '../../src/protocol/analytics.ts';
import { ChartCard, ChartSvg } from './chart-card.tsx';
import { colors } from './chart-colors.ts';
import { niceDurationAxis, scaleLinear } from './chart-scale.ts';
import { formatCount, formatDuration } from './format-metrics.ts';
import { useElementWidth } from './use-element-width.ts';

const rowHeight = 70;
const labelWidth = 132;
const bar = 13;

/** Median and 90th percentile (and the mean) of time to agent, first agent reply and handle time, each on its own scale. */
export function DurationsChart({ summary }: { summary: Summary }) {
  const [ref, width] = useElementWidth<HTMLDivElement>(560);
  const rows: { key: string; label: string; hint: string; d: Duration }[] = [
    { key: 'tta', label: 'Time to agent', hint: 'handoff → agent', d: summary.timeToAgent },
    { key: 'reply', label: 'First agent reply', hint: 'handoff → reply', d: summary.firstAgentReply },
    { key: 'handle', label: 'Handle time', hint: 'agent → resolved', d: summary.handleTime },
  ];
  const innerW = Math.max(40, width - labelWidth - 56);
  const height = rows.length * rowHeight + 4;
  const empty = rows.every((r) => r.d.count === 0);

  return (
    <ChartCard
      name="durations"
      title="Time to agent"
      subtitle="p50 and p90 per wait, each row on its own scale"
      empty={empty ? 'No handoff reached an agent in this period.' : null}
      legend={[
        { key: 'p50', label: 'p50 (median)', color: colors.primary },
        { key: 'p90', label: 'p90', color: colors.primarySoft },
        { key: 'mean', label: 'mean', color: colors.bot, shape: 'triangle' },
      ]}
    >
      <div ref={ref} className="chart-box">
        <ChartSvg
          width={width}
          height={height}
          title="Time to agent, first reply and handle time"
          description={rows
            .map(
              (r) =>
                `${r.label}: p50 ${formatDuration(r.d.p50)}, p90 ${formatDuration(r.d.p90)} over ${r.d.count}`,
            )
            .join('; ')}
        >
          {rows.map((r, i) => {
            const top = Math.max(r.d.p90 ?? 0, r.d.p50 ?? 0, r.d.mean ?? 0);
            const axis = niceDurationAxis(top, 3);
            const x = scaleLinear(axis.max, 0, innerW);
            const y0 = i * rowHeight + 12;
            return (
              <g key={r.key} transform={`translate(0,${y0})`}>
                <text className="row-label" x={0} y={12}>
                  {r.label}
                </text>
                <text className="row-hint" x={0} y={28}>
                  {r.hint}
                </text>
                <text className="row-hint" x={0} y={43}>
                  n = {formatCount(r.d.count)}
                </text>
                <g transform={`translate(${labelWidth},0)`}>
                  {axis.ticks.map((t) => (
                    <g key={t} className="tick">
                      <line x1={x(t)} x2={x(t)} y1={0} y2={2 * bar + 6} stroke={colors.grid} />
                      <text x={x(t)} y={2 * bar + 20} textAnchor="middle">
                        {formatDuration(t)}
                      </text>
                    </g>
                  ))}
                  {r.d.count === 0 ? (
                    <text className="row-hint" x={4} y={bar + 4}>
                      no sample
                    </text>
                  ) : (
                    <>
                      <Bar
                        y={1}
                        width={x(r.d.p50 ?? 0)}
                        fill={colors.primary}
                        text={formatDuration(r.d.p50)}
                        what="p50"
                      />
                      <Bar
                        y={bar + 4}
                        width={x(r.d.p90 ?? 0)}
                        fill={colors.primarySoft}
                        text={formatDuration(r.d.p90)}
                        what="p90"
                      />
                      {r.d.mean !== null && (
                        <path
                          className="mark"
                          d={`M${x(r.d.mean) - 5} -8 L${x(r.d.mean) + 5} -8 L${x(r.d.mean)} -1 Z`}
                          fill={colors.bot}
                        >
                          <title>{`mean ${formatDuration(r.d.mean)}`}</title>
                        </path>
                      )}
                    </>
                  )}
                </g>
              </g>
            );
          })}
        </ChartSvg>
      </div>
    </ChartCard>
  );
}

function Bar({
  y,
  width,
  fill,
  text,
  what,
}: {
  y: number;
  width: number;
  fill: string;
  text: string;
  what: string;
}) {
  return (
    <g>
      <rect className="mark" x={0} y={y} width={Math.max(2, width)} height={bar} rx={3} fill={fill}>
        <title>{`${what} ${text}`}</title>
      </rect>
      <text className="bar-value" x={Math.max(2, width) + 6} y={y + bar / 2} dy="0.32em">
        {text}
      </text>
    </g>
  );
}
