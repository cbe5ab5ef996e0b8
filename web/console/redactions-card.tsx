import type { Redaction } from '../../src/protocol/context-package.ts';
import { MaskChip } from './masked-text.tsx';

const typeLabels: Record<Redaction['type'], string> = {
  card: 'Card number',
  ssn: 'Social Security number',
  national_id: 'National id',
  email: 'Email',
  phone: 'Phone',
  secret: 'Secret',
};

/** Every masked value in the package, once each; supervisors and admins can reveal one (audited). */
export function RedactionsCard({
  redactions,
  canReveal,
}: {
  redactions: readonly Redaction[];
  canReveal: boolean;
}) {
  const byToken = new Map<string, { r: Redaction; places: number }>();
  for (const r of redactions) {
    const seen = byToken.get(r.token);
    byToken.set(r.token, { r: seen?.r ?? r, places: (seen?.places ?? 0) + 1 });
  }
  if (byToken.size === 0) return null;
  return (
    <section className="card card-redactions" aria-labelledby="redactions-title">
      <h3 id="redactions-title">Masked personal data</h3>
      <ul className="redactions">
        {[...byToken.values()].map(({ r, places }) => (
          <li key={r.token}>
            <span className="redaction-type">
              {typeLabels[r.type] ?? r.type}
              {places > 1 && <span className="muted"> · in {places} places</span>}
            </span>
            <MaskChip mask={r.mask} token={r.token} />
          </li>
        ))}
      </ul>
      <p className="muted small">
        {canReveal
          ? 'Revealing a value asks for a reason and is audited.'
          : 'Only supervisors and admins can reveal masked values.'}
      </p>
    </section>
  );
}
