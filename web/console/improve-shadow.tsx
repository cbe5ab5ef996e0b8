import type { ShadowReport } from './improve-api.ts';

const gist = (d: ShadowReport['decisions'][number]['live']) =>
  d.kind === 'stay' ? 'bot keeps it' : `${d.kind} → ${d.team ?? '?'}${d.rule ? ` (${d.rule})` : ''}`;

/** Where the shadow version decided differently from the live one, on live traffic, before anyone promotes it. */
export function ImproveShadow({ report }: { report: ShadowReport }) {
  if (report.shadowVersion === null)
    return (
      <section className="card" aria-labelledby="improve-shadow-title">
        <h3 id="improve-shadow-title">Shadow</h3>
        <p className="muted small">
          No version runs in shadow. Try a suggestion in shadow, or run a version.
        </p>
      </section>
    );
  const differing = report.decisions.filter((d) => d.differs);
  return (
    <section className="card" aria-labelledby="improve-shadow-title">
      <h3 id="improve-shadow-title">
        Shadow: v{report.shadowVersion} beside live v{report.liveVersion}
      </h3>
      <p className="small">
        {report.turns} live turn{report.turns === 1 ? '' : 's'} seen, <strong>{report.differ}</strong> decided
        differently.
      </p>
      {differing.length > 0 && (
        <table className="improve-table">
          <thead>
            <tr>
              <th>Customer said</th>
              <th>Live</th>
              <th>Shadow</th>
            </tr>
          </thead>
          <tbody>
            {differing.slice(0, 30).map((d) => (
              <tr key={d.id}>
                <td>{d.text}</td>
                <td>{gist(d.live)}</td>
                <td>{gist(d.shadow)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
