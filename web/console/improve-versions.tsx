import { useState } from 'react';
import type { PackVersionView } from '../../src/protocol/improve.ts';
import { showValue } from './describe-effect.ts';

type Props = {
  liveVersion: number;
  shadowVersion: number | null;
  versions: PackVersionView[];
  onRollback: (version: number, reason: string) => Promise<void>;
  onShadow: (version: number | null) => Promise<void>;
};

/** A pack's versions, newest first: who made each, when, why, what changed; roll back to any or run it in shadow. */
export function ImproveVersions({ liveVersion, shadowVersion, versions, onRollback, onShadow }: Props) {
  const [error, setError] = useState<string | null>(null);
  const act = async (fn: () => Promise<void>) => {
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <section className="card improve-versions" aria-labelledby="improve-versions-title">
      <h3 id="improve-versions-title">Versions</h3>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <ol className="improve-version-list">
        {versions.map((v) => (
          <li key={v.version} className="improve-version" aria-label={`Version ${v.version}`}>
            <div className="improve-version-head">
              <strong>v{v.version}</strong>
              {v.version === liveVersion && <span className="badge badge-assigned">live</span>}
              {v.version === shadowVersion && <span className="badge">shadow</span>}
              <span className="muted small">
                {new Date(v.createdAt).toLocaleString()} · {v.author} · {v.source}
              </span>
              <span className="spacer" />
              {v.version !== liveVersion && (
                <button
                  type="button"
                  className="btn btn-secondary btn-small"
                  onClick={() =>
                    act(() => onRollback(v.version, `rolled back to v${v.version} in the Improve view`))
                  }
                >
                  {v.version < liveVersion ? 'Roll back to this' : 'Make live'}
                </button>
              )}
              {v.version !== liveVersion &&
                (v.version === shadowVersion ? (
                  <button
                    type="button"
                    className="btn btn-ghost btn-small"
                    onClick={() => act(() => onShadow(null))}
                  >
                    Stop shadow
                  </button>
                ) : (
                  <button
                    type="button"
                    className="btn btn-ghost btn-small"
                    onClick={() => act(() => onShadow(v.version))}
                  >
                    Run in shadow
                  </button>
                ))}
            </div>
            <p className="small">{v.reason}</p>
            {v.diff.length > 0 && (
              <details>
                <summary>
                  {v.diff.length} change{v.diff.length > 1 ? 's' : ''}
                </summary>
                <ul className="improve-diff">
                  {v.diff.slice(0, 50).map((d) => (
                    <li
                      key={`${d.path} ${d.kind} ${showValue(d.kind === 'removed' ? d.before : d.after)}`}
                      className={`diff-${d.kind}`}
                    >
                      <code>{d.path}</code>{' '}
                      {d.kind === 'added'
                        ? `+ ${showValue(d.after)}`
                        : d.kind === 'removed'
                          ? `− ${showValue(d.before)}`
                          : `${showValue(d.before)} → ${showValue(d.after)}`}
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
