import type { SentimentTrajectory } from '../../src/protocol/context-package.ts';
import { scaleSparkline, sentimentTone } from './scale-sparkline.ts';

const box = { width: 150, height: 44, pad: 6 };
const trendLabels: Record<SentimentTrajectory['trend'], string> = {
  improving: 'Improving',
  steady: 'Steady',
  worsening: 'Worsening',
  unknown: 'Too early to tell',
};

/** The customer's mood turn by turn: a sparkline (up is positive), the trend, and the low point. */
export function SentimentCard({ sentiment }: { sentiment: SentimentTrajectory }) {
  const line = scaleSparkline(sentiment.points, box);
  const scores = sentiment.points.map((p) => `turn ${p.turn}: ${p.score.toFixed(1)}`).join(', ');
  const cues = [...new Set(sentiment.points.flatMap((p) => p.cues))];
  return (
    <section className="card" aria-labelledby="sentiment-title">
      <h3 id="sentiment-title">Sentiment</h3>
      <div className="sentiment">
        <svg
          className="sparkline"
          viewBox={`0 0 ${box.width} ${box.height}`}
          width={box.width}
          height={box.height}
          role="img"
          aria-label={`Sentiment per customer turn (${scores || 'none'}), ${trendLabels[sentiment.trend].toLowerCase()}`}
        >
          <line className="spark-zero" x1={0} x2={box.width} y1={line.zeroY} y2={line.zeroY} />
          {line.points.length > 1 && <path className="spark-line" d={line.path} />}
          {line.points.map((p) => (
            <circle
              key={p.turn}
              className={`spark-dot spark-${sentimentTone(p.score)}`}
              cx={p.x}
              cy={p.y}
              r={3}
            >
              <title>
                Turn {p.turn}: {p.score.toFixed(2)}
              </title>
            </circle>
          ))}
        </svg>
        <div className="sentiment-text">
          <span className={`trend trend-${sentiment.trend}`}>{trendLabels[sentiment.trend]}</span>
          {sentiment.lowest !== null && (
            <span className="muted small">
              lowest {sentiment.lowest.toFixed(1)} · {sentiment.points.length} turn
              {sentiment.points.length === 1 ? '' : 's'}
            </span>
          )}
        </div>
      </div>
      {cues.length > 0 && (
        <p className="small cues">
          Cues:{' '}
          {cues.map((c) => (
            <span key={c} className="tag">
              {c}
            </span>
          ))}
        </p>
      )}
    </section>
  );
}
