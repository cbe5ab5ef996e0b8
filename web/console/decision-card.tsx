import { PriorityBadge } from './badges.tsx';
import { type DecisionView, percent } from './describe-decision.ts';

/** Why the bot escalated: the rule and where it sent the conversation, each signal with its evidence. */
export function DecisionCard({ decision }: { decision: DecisionView }) {
  const d = decision;
  return (
    <section className="card card-escalation" aria-labelledby="decision-title">
      <h3 id="decision-title">Why the bot escalated</h3>
      <div className="conv-meta">
        {d.emergency && <span className="badge badge-urgent">Emergency</span>}
        {d.kind && <span className="tag tag-strong">{d.kind.replaceAll('_', ' ')}</span>}
        {d.mode && (
          <span
            className="tag"
            title={d.mode === 'warm' ? 'Read the context before joining' : 'Joins at once'}
          >
            {d.mode} handoff
          </span>
        )}
        {d.team && <span className="tag">team: {d.team}</span>}
        {d.priority && <PriorityBadge priority={d.priority} />}
        {d.risk !== null && <span className="tag">risk {percent(d.risk)}</span>}
      </div>
      {d.headline && <p className="decision-headline">{d.headline}</p>}
      {d.signals.length > 0 ? (
        <ul className="reasons" aria-label="Signals">
          {d.signals.map((s) => (
            <li key={s.title}>
              <span className="reason-title">
                <span>{s.title}</span>
                {s.score !== null && <span className="score">{percent(s.score)}</span>}
              </span>
              {s.score !== null && (
                <span className="score-bar" aria-hidden="true">
                  <span style={{ width: percent(s.score) }} />
                </span>
              )}
              {s.evidence.length > 0 && (
                <ul className="evidence">
                  {s.evidence.map((e) => (
                    <li key={e}>{e}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      ) : (
        !d.headline && <p className="muted small">No reasons were recorded.</p>
      )}
      {(d.rule || d.details.length > 0) && (
        <details className="decision-details">
          <summary>How it was decided</summary>
          {d.rule && (
            <p className="small decision-rule">
              Rule <code>{d.rule}</code>
            </p>
          )}
          <ul className="small">
            {d.details.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
