import type { JourneyOutcome, Summary } from '../../src/protocol/analytics.ts';
import { ChartCard, ChartSvg } from './chart-card.tsx';
import { colors, otherColor } from './chart-colors.ts';
import { formatCount, formatPercent } from './format-metrics.ts';
import { journeyColumns, journeyFlows, outcomeLabels } from './journey-flows.ts';
import { layoutSankey, type SankeyNode } from './layout-sankey.ts';
import { useElementWidth } from './use-element-width.ts';

const height = 340;
const top = 24;
const nodeWidth = 12;
const labelRoom = 150;

const outcomeColors: Record<JourneyOutcome, string> = {
  resolved: colors.resolved,
  open: colors.open,
  handed_back: colors.handedBack,
  abandoned: colors.abandoned,
};

/** The handoff journey as a Sankey diagram: bot -> reason -> team -> outcome, band widths in handoffs. */
export function JourneyChart({
  summary,
  colorOf,
  maxRules,
  teamName,
}: {
  summary: Summary;
  colorOf: (key: string) => string;
  maxRules: number;
  teamName: (id: string) => string;
}) {
  const [ref, width] = useElementWidth<HTMLDivElement>(1000);
  const flows = journeyFlows(summary.journeys, { maxRules, maxTeams: 8, teamName });
  const layout = layoutSankey(flows, {
    width: Math.max(200, width - labelRoom),
    height: height - top - 8,
    nodeWidth,
    gap: 10,
  });
  const colorOfNode = (n: Pick<SankeyNode, 'id'>) => {
    const [kind, key = ''] = n.id.split(':');
    if (kind === 'bot') return colors.bot;
    if (kind === 'rule') return key === '*' ? otherColor : colorOf(key);
    if (kind === 'team') return colors.team;
    return outcomeColors[key as JourneyOutcome] ?? otherColor;
  };
  const byId = new Map(layout.nodes.map((n) => [n.id, n]));
  const outcomes = new Map<string, number>();
  for (const j of summary.journeys) outcomes.set(j.outcome, (outcomes.get(j.outcome) ?? 0) + j.handoffs);
  const share = (n: number) => formatPercent(flows.handoffs ? n / flows.handoffs : null);

  return (
    <ChartCard
      name="journey"
      title="Handoff journeys"
      subtitle={`${formatCount(flows.handoffs)} handoffs from the bot, by reason, team and how the wait ended · ${formatCount(summary.totals.contained)} conversations the bot handled alone are not shown`}
      wide
      empty={flows.handoffs === 0 ? 'No handoffs in this period.' : null}
      legend={(Object.keys(outcomeLabels) as JourneyOutcome[]).map((o) => ({
        key: o,
        label: outcomeLabels[o],
        color: outcomeColors[o],
        value: `${formatCount(outcomes.get(o) ?? 0)} · ${share(outcomes.get(o) ?? 0)}`,
      }))}
    >
      <div ref={ref} className="chart-box">
        <ChartSvg
          width={width}
          height={height}
          title="Handoff journeys: bot, reason, team, outcome"
          description={(Object.keys(outcomeLabels) as JourneyOutcome[])
            .map((o) => `${outcomeLabels[o]}: ${outcomes.get(o) ?? 0}`)
            .join('; ')}
        >
          <g transform={`translate(0,${top})`}>
            {journeyColumns.map((c, i) => {
              const x = layout.nodes.find((n) => n.column === i)?.x;
              if (x === undefined) return null;
              return (
                <text
                  key={c}
                  className="column-title"
                  x={x}
                  y={-10}
                  textAnchor={i === 0 ? 'start' : 'middle'}
                  dx={i === 0 ? 0 : nodeWidth / 2}
                >
                  {c}
                </text>
              );
            })}
            <g className="links">
              {layout.links.map((l) => {
                const source = byId.get(l.source)!;
                const target = byId.get(l.target)!;
                // Bands take the reason's colour up to the teams, then the outcome's.
                const color = colorOfNode(source.column === 1 ? source : target);
                return (
                  <path
                    key={`${l.source}>${l.target}`}
                    className="mark sankey-link"
                    d={l.path}
                    stroke={color}
                    strokeWidth={Math.max(1, l.thickness)}
                    fill="none"
                  >
                    <title>{`${source.label} → ${target.label}: ${l.value}`}</title>
                  </path>
                );
              })}
            </g>
            {layout.nodes.map((n) => (
              <g key={n.id} className="sankey-node">
                <rect
                  className="mark"
                  x={n.x}
                  y={n.y}
                  width={n.width}
                  height={Math.max(1, n.height)}
                  rx={2}
                  fill={colorOfNode(n)}
                >
                  <title>{`${n.label}: ${n.value}`}</title>
                </rect>
                {n.height >= 9 && (
                  <text
                    className="node-label"
                    x={n.column === 3 ? n.x + n.width + 8 : n.x + n.width + 6}
                    y={n.y + n.height / 2}
                    dy="0.32em"
                  >
                    {n.label}
                    <tspan className="node-value"> {n.value}</tspan>
                  </text>
                )}
              </g>
            ))}
          </g>
        </ChartSvg>
      </div>
    </ChartCard>
  );
}
