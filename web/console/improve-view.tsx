import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ImproveDashboard, PackVersionView, StoredSuggestionView } from '../../src/protocol/improve.ts';
import { createImproveApi, type ImprovePack, type ShadowReport } from './improve-api.ts';
import { ImproveShadow } from './improve-shadow.tsx';
import { ImproveSuggestionCard } from './improve-suggestion-card.tsx';
import { ImproveVersions } from './improve-versions.tsx';

type Props = {
  token: string;
  onError: (err: unknown) => void /** The pack to open first (a link from Settings). */;
  initialPack?: string | undefined;
};

type Loaded = {
  suggestions: StoredSuggestionView[];
  versions: { liveVersion: number; shadowVersion: number | null; versions: PackVersionView[] };
  shadow: ShadowReport;
  figures: ImproveDashboard;
};

const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 1000) / 10}%`);

/**
 * The supervisor's Improve view: the suggestions queue (evidence, predicted effect; approve, edit, reject, try in
 * shadow), the pack's versions with their diffs and rollback, the shadow run's differences, and the figures.
 */
export function ImproveView({ token, onError, initialPack }: Props) {
  const api = useMemo(() => createImproveApi(token), [token]);
  const [packs, setPacks] = useState<ImprovePack[]>([]);
  const [pack, setPack] = useState<string | null>(null);
  const [data, setData] = useState<Loaded | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);

  useEffect(() => {
    api.packs().then(
      (res) => {
        setPacks(res.packs);
        setPack(
          (p) =>
            p ??
            res.packs.find((x) => x.id === initialPack)?.id ??
            res.packs.find((x) => x.id === 'bank')?.id ??
            res.packs[0]?.id ??
            null,
        );
      },
      (err: unknown) => onError(err),
    );
  }, [api, onError, initialPack]);

  const reload = useCallback(async () => {
    if (!pack) return;
    try {
      const [suggestions, versions, shadow, figures] = await Promise.all([
        api.suggestions(pack),
        api.versions(pack),
        api.shadow(pack),
        api.dashboard(pack),
      ]);
      setData({ suggestions: suggestions.suggestions, versions, shadow, figures });
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      onError(err);
    }
  }, [api, pack, onError]);
  useEffect(() => {
    setData(null);
    reload();
  }, [reload]);

  if (!pack) return <main className="improve">Loading…</main>;
  const waiting = data?.suggestions.filter((s) => s.status === 'waiting') ?? [];
  const decided = data?.suggestions.filter((s) => s.status !== 'waiting') ?? [];
  const thisWeek = data?.figures.weekly.at(-1)?.week;
  const weekCount = (status: string) =>
    data?.figures.weekly
      .filter((w) => w.week === thisWeek && w.status === status)
      .reduce((n, w) => n + w.count, 0) ?? 0;

  return (
    <main className="improve" aria-label="Improve">
      <header className="improve-head">
        <h2>Improve</h2>
        <label className="field field-inline">
          <span>Pack</span>
          <select value={pack} onChange={(e) => setPack(e.target.value)}>
            {packs.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        {data && (
          <span className="muted small improve-live">
            Live: v{data.versions.liveVersion}
            {data.versions.shadowVersion !== null && ` · shadow: v${data.versions.shadowVersion}`}
          </span>
        )}
        <span className="spacer" />
        <button
          type="button"
          className="btn btn-secondary"
          disabled={running}
          onClick={async () => {
            setRunning(true);
            try {
              const r = await api.run(pack);
              setNotice(
                `Learned from ${r.conversations} labelled conversations: ${r.added} new suggestions.`,
              );
              await reload();
            } catch (err) {
              setError(err instanceof Error ? err.message : String(err));
            } finally {
              setRunning(false);
            }
          }}
        >
          {running ? 'Learning…' : 'Learn from labels now'}
        </button>
      </header>
      {notice && (
        <p className="notice-line" role="status">
          {notice}
        </p>
      )}
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
      {data && (
        <>
          <section className="improve-tiles" aria-label="Learning figures">
            <div className="tile">
              <span className="tile-value">{data.figures.waiting}</span>
              <span className="tile-label">suggestions waiting</span>
            </div>
            <div className="tile">
              <span className="tile-value">{weekCount('approved')}</span>
              <span className="tile-label">approved this week</span>
            </div>
            <div className="tile">
              <span className="tile-value">{weekCount('rejected')}</span>
              <span className="tile-label">rejected this week</span>
            </div>
          </section>
          <div className="improve-columns">
            <section className="improve-queue" aria-labelledby="improve-queue-title">
              <h3 id="improve-queue-title">Suggestions ({waiting.length} waiting)</h3>
              {waiting.length === 0 && (
                <p className="muted small">Nothing waiting. Learn from labels to get new ones.</p>
              )}
              {waiting.map((item) => (
                <ImproveSuggestionCard
                  key={item.suggestion.id}
                  item={item}
                  onApprove={async (change) => {
                    const res = await api.approve(pack, item.suggestion.id, change ? { change } : {});
                    setNotice(`Approved: version ${res.version.version} is live.`);
                    await reload();
                  }}
                  onReject={async (reason) => {
                    await api.reject(pack, item.suggestion.id, reason);
                    setNotice('Rejected; it will not be proposed again.');
                    await reload();
                  }}
                  onShadow={async () => {
                    const res = await api.tryInShadow(pack, item.suggestion.id);
                    setNotice(`Version ${res.version.version} runs in shadow.`);
                    await reload();
                  }}
                />
              ))}
              {decided.length > 0 && (
                <details className="improve-decided">
                  <summary>{decided.length} decided</summary>
                  {decided.map((item) => (
                    <ImproveSuggestionCard
                      key={item.suggestion.id}
                      item={item}
                      onApprove={async () => {}}
                      onReject={async () => {}}
                      onShadow={async () => {}}
                    />
                  ))}
                </details>
              )}
            </section>
            <div className="improve-side">
              <ImproveShadow report={data.shadow} />
              <ImproveVersions
                {...data.versions}
                onRollback={async (version, reason) => {
                  await api.rollback(pack, version, reason);
                  setNotice(`Version ${version} is live again.`);
                  await reload();
                }}
                onShadow={async (version) => {
                  await api.setShadow(pack, version);
                  await reload();
                }}
              />
              <section className="card" aria-labelledby="improve-effect-title">
                <h3 id="improve-effect-title">Effect of each version</h3>
                <table className="improve-table">
                  <thead>
                    <tr>
                      <th>Version</th>
                      <th>Conversations</th>
                      <th>Handoff rate</th>
                      <th>Needless</th>
                      <th>CSAT by path</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.figures.versions.map((v) => (
                      <tr key={`${v.version}-${v.from}`}>
                        <td>v{v.version}</td>
                        <td>{v.conversations}</td>
                        <td>{pct(v.handoffRate)}</td>
                        <td>
                          {v.needless} ({pct(v.needlessRate)})
                        </td>
                        <td>
                          {v.csat.length === 0
                            ? '–'
                            : v.csat
                                .map(
                                  (c) =>
                                    `${c.path.replaceAll('_', ' ')} ${c.average?.toFixed(1) ?? '–'} (${c.count})`,
                                )
                                .join(', ')}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            </div>
          </div>
        </>
      )}
    </main>
  );
}
