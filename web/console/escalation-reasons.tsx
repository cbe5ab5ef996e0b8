import { PriorityBadge } from './badges.tsx';

type Reason = { title: string; detail: string[]; score: number | null };

/** Why the bot escalated: the latest decision recorded on a system message (`metadata.decision`), or nothing. */
export function EscalationReasons({ decision }: { decision: Record<string, unknown> | null }) {
  if (!decision) return null;
  const reasons = toReasons(decision);
  const kind = text(decision.kind);
  const mode = text(decision.mode);
  const team = text(decision.team);
  const priority = text(decision.priority);
  const risk = typeof decision.risk === 'number' ? decision.risk : null;
  return (
    <section className="card card-escalation" aria-labelledby="escalation-title">
      <h3 id="escalation-title">Why the bot escalated</h3>
      <div className="conv-meta">
        {kind && <span className="tag tag-strong">{kind.replaceAll('_', ' ')}</span>}
        {mode && <span className="tag">{mode}</span>}
        {team && <span className="tag">team: {team}</span>}
        {priority && <PriorityBadge priority={priority} />}
        {risk !== null && <span className="tag">risk {percent(risk)}</span>}
      </div>
      {reasons.length > 0 ? (
        <ul className="reasons">
          {reasons.map((r) => (
            <li key={r.title}>
              <span className="reason-title">
                <span>{r.title}</span>
                {r.score !== null && <span className="score">{percent(r.score)}</span>}
              </span>
              {r.detail.length > 0 && (
                <ul className="evidence">
                  {r.detail.map((d) => (
                    <li key={d}>{d}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">No reasons were recorded.</p>
      )}
    </section>
  );
}

/** The triggered rules with their evidence when the decision has them, else its plain reason lines. */
function toReasons(decision: Record<string, unknown>): Reason[] {
  const rules = Array.isArray(decision.rules) ? decision.rules : [];
  const fromRules = rules.flatMap((r): Reason[] => {
    if (!r || typeof r !== 'object') return [];
    const o = r as Record<string, unknown>;
    const title = text(o.label) ?? text(o.rule);
    if (!title) return [];
    return [
      {
        title,
        detail: Array.isArray(o.evidence)
          ? o.evidence.filter((e) => typeof e === 'string' && e !== title)
          : [],
        score: typeof o.risk === 'number' ? o.risk : null,
      },
    ];
  });
  if (fromRules.length > 0) return dedupe(fromRules);
  const lines = Array.isArray(decision.reasons) ? decision.reasons : [];
  return dedupe(
    lines.flatMap((l): Reason[] => {
      if (typeof l === 'string') return [{ title: l, detail: [], score: null }];
      if (!l || typeof l !== 'object') return [];
      const o = l as Record<string, unknown>;
      const title = text(o.label ?? o.detector ?? o.code ?? o.message);
      return title ? [{ title, detail: [], score: typeof o.score === 'number' ? o.score : null }] : [];
    }),
  );
}

function dedupe(reasons: Reason[]): Reason[] {
  const seen = new Set<string>();
  return reasons.filter((r) => !seen.has(r.title) && seen.add(r.title));
}

function percent(v: number): string {
  return `${Math.round(v * 100)}%`;
}

function text(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}
