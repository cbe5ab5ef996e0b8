import { priorityLabels } from './format.ts';

type Reason = { title: string; detail: string | null; score: number | null };

/** Why the bot escalated: the latest decision recorded on a system message (`metadata.decision`), or nothing. */
export function EscalationReasons({ decision }: { decision: Record<string, unknown> | null }) {
  if (!decision) return null;
  const reasons = toReasons(decision.reasons ?? decision.signals);
  const kind = text(decision.kind);
  const team = text(decision.team);
  const priority = text(decision.priority);
  return (
    <section className="card card-escalation" aria-labelledby="escalation-title">
      <h3 id="escalation-title">Why the bot escalated</h3>
      <div className="conv-meta">
        {kind && <span className="tag">{kind.replaceAll('_', ' ')}</span>}
        {team && <span className="tag">team: {team}</span>}
        {priority && (
          <span className={`badge badge-${priority}`}>
            {priorityLabels[priority as 'normal'] ?? priority}
          </span>
        )}
      </div>
      {reasons.length > 0 ? (
        <ul className="reasons">
          {reasons.map((r, i) => (
            // Reasons have no id of their own and never reorder.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <li key={i}>
              <span className="reason-title">
                {r.title}
                {r.score !== null && <span className="score">{Math.round(r.score * 100)}%</span>}
              </span>
              {r.detail && <span className="reason-detail">{r.detail}</span>}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">No reasons were recorded.</p>
      )}
    </section>
  );
}

/** Reads reasons given as strings or as objects ({detector|signal|code, evidence|reason|message, score}). */
function toReasons(value: unknown): Reason[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((r): Reason[] => {
    if (typeof r === 'string') return [{ title: r, detail: null, score: null }];
    if (!r || typeof r !== 'object') return [];
    const o = r as Record<string, unknown>;
    const title = text(o.label ?? o.detector ?? o.signal ?? o.code ?? o.kind ?? o.type) ?? 'Reason';
    const evidence = o.evidence ?? o.reason ?? o.message ?? o.summary ?? o.detail;
    const detail = Array.isArray(evidence) ? evidence.map(String).join('; ') : text(evidence);
    return [
      { title: title.replaceAll('_', ' '), detail, score: typeof o.score === 'number' ? o.score : null },
    ];
  });
}

function text(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null;
}
