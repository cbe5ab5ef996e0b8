import type { ContextToolResult } from '../../src/protocol/context-package.ts';
import { humanize } from './describe-decision.ts';
import { toolResultRows } from './format-context.ts';
import { MaskedText } from './masked-text.tsx';

/** The lookups the bot made (orders, balances, claims) and what came back. */
export function ToolResultsCard({ results }: { results: ContextToolResult[] }) {
  if (results.length === 0) return null;
  return (
    <section className="card" aria-labelledby="tools-title">
      <h3 id="tools-title">Lookups</h3>
      <ul className="tool-results">
        {results.map((r, i) => (
          <li key={`${r.turn}:${r.tool}:${r.key}`} className={r.ok ? 'tool-ok' : 'tool-failed'}>
            <span className="tool-head">
              <strong>{humanize(r.tool)}</strong>
              {r.key && <code>{r.key}</code>}
              <span className={`result ${r.ok ? 'result-good' : 'result-bad'}`}>
                {r.ok ? 'OK' : 'Failed'}
              </span>
            </span>
            <dl className="facts">
              {toolResultRows(r).map(([label, value]) => (
                <div key={label} className="fact">
                  <dt>{label}</dt>
                  <dd>
                    <MaskedText text={value} path={`toolResults[${i}].result.${label}`} />
                  </dd>
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ul>
    </section>
  );
}
