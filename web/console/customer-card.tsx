import type { ReactNode } from 'react';
import type { ContextCustomer } from '../../src/protocol/context-package.ts';
import type { Customer } from '../../src/protocol/conversation.ts';
import { customerName } from './format.ts';
import { shortValue } from './format-context.ts';
import { MaskedText } from './masked-text.tsx';

type Props = {
  /** The profile from the context package (as this role may see it), when there is one. */
  profile: ContextCustomer | null;
  /** The customer record, for conversations without a package. */
  customer: Customer | null;
  conversationId: string;
};

/** Who the customer is: name, tier, contact and the attributes the pack keeps about them. */
export function CustomerCard({ profile, customer, conversationId }: Props) {
  const p = profile ?? customer;
  const name = profile?.name || customerName(customer, conversationId);
  const attributes = Object.entries(p?.attributes ?? {}).filter(([, v]) => v !== null && v !== undefined);
  return (
    <section className="card" aria-labelledby="customer-title">
      <h3 id="customer-title">Customer</h3>
      <p className="card-title">
        {name}
        {p && <span className={`tier tier-${p.tier}`}>{p.tier}</span>}
      </p>
      <dl className="facts">
        {p?.email && (
          <Fact label="Email">
            <MaskedText text={p.email} path="customer.email" />
          </Fact>
        )}
        {p?.externalId && <Fact label="Customer id">{p.externalId}</Fact>}
        {attributes.map(([k, v]) => (
          <Fact key={k} label={k.replaceAll('_', ' ')}>
            <MaskedText text={shortValue(v)} path={`customer.attributes.${k}`} />
          </Fact>
        ))}
      </dl>
      {!p?.name && !p?.email && !p?.externalId && <p className="muted small">Anonymous visitor.</p>}
    </section>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}
