import { type ReactNode, useId } from 'react';

/** One entry of a chart's legend: a swatch (or a line, or a marker), its label, and an optional figure. */
export type LegendItem = {
  key: string;
  label: string;
  color: string;
  value?: string;
  shape?: 'box' | 'line' | 'triangle';
};

type Props = {
  /** Names the chart for tests and styling (`data-chart`). */
  name: string;
  title: string;
  subtitle?: ReactNode;
  legend?: readonly LegendItem[];
  /** When set, the chart has nothing to draw and says this instead. */
  empty?: string | null;
  wide?: boolean;
  /** Shown in the header's right corner (a figure, a control). */
  aside?: ReactNode;
  children?: ReactNode;
};

/** A dashboard card around one chart: title, what it shows, the chart or its empty state, and the legend. */
export function ChartCard({ name, title, subtitle, legend, empty, wide, aside, children }: Props) {
  const titleId = useId();
  return (
    <section
      className={`dash-card${wide ? ' dash-card-wide' : ''}`}
      aria-labelledby={titleId}
      data-chart={name}
    >
      <header className="dash-card-head">
        <div>
          <h3 id={titleId}>{title}</h3>
          {subtitle && <p className="dash-card-sub">{subtitle}</p>}
        </div>
        {aside && <div className="dash-card-aside">{aside}</div>}
      </header>
      {empty ? (
        <div className="chart-empty" data-empty="true">
          <svg viewBox="0 0 40 28" width="40" height="28" aria-hidden="true">
            <rect x="2" y="16" width="8" height="10" rx="2" />
            <rect x="16" y="8" width="8" height="18" rx="2" />
            <rect x="30" y="12" width="8" height="14" rx="2" />
          </svg>
          <span>{empty}</span>
        </div>
      ) : (
        children
      )}
      {legend && legend.length > 0 && !empty && <Legend items={legend} />}
    </section>
  );
}

/** A chart's legend: what each colour means, with its figure. */
export function Legend({ items }: { items: readonly LegendItem[] }) {
  return (
    <ul className="legend" aria-label="Legend">
      {items.map((item) => (
        <li key={item.key}>
          <span
            className={`legend-swatch legend-${item.shape ?? 'box'}`}
            style={{ background: item.color }}
            aria-hidden="true"
          />
          <span>{item.label}</span>
          {item.value !== undefined && <strong>{item.value}</strong>}
        </li>
      ))}
    </ul>
  );
}

/** An SVG chart with an accessible name and description (its title and a sentence summing it up). */
export function ChartSvg({
  width,
  height,
  title,
  description,
  children,
}: {
  width: number;
  height: number;
  title: string;
  description: string;
  children: ReactNode;
}) {
  const titleId = useId();
  const descId = useId();
  return (
    <svg
      className="chart"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
    >
      <title id={titleId}>{title}</title>
      <desc id={descId}>{description}</desc>
      {children}
    </svg>
  );
}
