import type { ContextSummary } from '../../src/protocol/context-package.ts';
import { outcomeLine, triedResult } from './format-context.ts';
import { formatEntityValue } from './format-entity-value.ts';
import { MaskedText, useMasks } from './masked-text.tsx';
import { splitMasked } from './split-masked.ts';

/** What the customer wants, the details they gave, and what the bot already tried with what result. */
export function SummaryCard({ summary, headline }: { summary: ContextSummary; headline?: string | null }) {
  const { redactions } = useMasks();
  // A masked entity shows its mask (which can be revealed); its value is already cut down to the last digits.
  const masked = (text: string) => splitMasked(text, redactions).some((s) => s.kind === 'mask');
  const outcome = outcomeLine(summary.outcome, headline);
  return (
    <section className="card card-summary" aria-labelledby="summary-title">
      <h3 id="summary-title">Summary</h3>
      {summary.topic && (
        <p className="card-title" title={summary.topic.description ?? undefined}>
          {summary.topic.label}
        </p>
      )}
      <p className="summary-wants">
        <MaskedText text={summary.customerWants} path="summary.customerWants" />
      </p>
      {summary.entities.length > 0 && (
        <>
          <h4>Key details</h4>
          <dl className="entities">
            {summary.entities.map((e, i) => (
              <div key={`${e.type}:${e.value}`} className="entity">
                <dt>{e.label}</dt>
                {masked(e.text) ? (
                  <dd>
                    <MaskedText text={e.text} path={`summary.entities[${i}].text`} />
                  </dd>
                ) : (
                  <dd title={e.text === e.value ? undefined : `The customer wrote: ${e.text}`}>
                    <MaskedText
                      text={formatEntityValue(e.type, e.value)}
                      path={`summary.entities[${i}].value`}
                    />
                  </dd>
                )}
              </div>
            ))}
          </dl>
        </>
      )}
      {summary.botTried.length > 0 && (
        <>
          <h4>What the bot tried</h4>
          <ul className="tried">
            {summary.botTried.map((step) => {
              const result = triedResult(step.result);
              return (
                <li key={`${step.kind}:${step.what}:${step.turns.join(',')}`}>
                  <span className="tried-what">
                    {step.what}
                    {step.detail && <span className="muted"> · {step.detail}</span>}
                  </span>
                  <span className={`result result-${result.tone}`}>{result.label}</span>
                </li>
              );
            })}
          </ul>
        </>
      )}
      {outcome && <p className="summary-outcome">{outcome}</p>}
    </section>
  );
}
