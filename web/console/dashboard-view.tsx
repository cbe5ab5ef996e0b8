import { useCallback, useEffect, useMemo, useState } from 'react';
import { AlertsPanel, useLiveNotices } from './alerts-panel.tsx';
import type { ConsoleApi } from './api-client.ts';
import { categoryColors, colorsByRank } from './chart-colors.ts';
import type { ConsoleSocket } from './console-socket.ts';
import { CsatChart } from './csat-chart.tsx';
import { type Period, periodRange } from './dashboard-period.ts';
import { DurationsChart } from './durations-chart.tsx';
import { HandoffsByReasonChart } from './handoffs-by-reason-chart.tsx';
import { JourneyChart } from './journey-chart.tsx';
import { LiveQueues } from './live-queues.tsx';
import { PeriodPicker } from './period-picker.tsx';
import { RecentHandoffs } from './recent-handoffs.tsx';
import { SlaBreachesChart } from './sla-breaches-chart.tsx';
import { StatTiles } from './stat-tiles.tsx';
import { useApiData, useThrottled } from './use-api-data.ts';
import { useLiveQueues } from './use-live-queues.ts';
import { WaitEstimateChart } from './wait-estimate-chart.tsx';

type Props = { api: ConsoleApi; socket: ConsoleSocket; onError: (err: unknown) => void };

/** Reasons with a colour of their own in the charts; more are gathered as "other". */
const reasonColours = categoryColors.length;

/**
 * The supervisor dashboard: live queues, then the period's figures (tiles, handoffs by reason, the journey
 * diagram, waits, CSAT, SLA breaches, wait estimates), the latest handoffs with their reasons, and alerts.
 */
export function DashboardView({ api, socket, onError }: Props) {
  const [period, setPeriod] = useState<Period>({ kind: '7d' });
  const [pack, setPack] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const range = useMemo(() => periodRange(period, now), [period, now]);

  const queues = useLiveQueues(api, socket, onError);
  const packs = useApiData(
    useCallback(() => api.packs().then((r) => r.packs), [api]),
    onError,
  );
  const summary = useApiData(
    useMemo(() => ('error' in range ? null : () => api.summary({ ...range, pack })), [api, range, pack]),
    onError,
  );
  const alerts = useApiData(
    useCallback(() => api.alerts(10).then((r) => r.alerts), [api]),
    onError,
  );
  const handoffs = useApiData(
    useCallback(() => api.recentHandoffs(12, pack).then((r) => r.handoffs), [api, pack]),
    onError,
  );
  const notices = useLiveNotices(socket);

  const reloadAlerts = alerts.reload;
  const reloadHandoffs = handoffs.reload;
  const refresh = useCallback(() => {
    setNow(Date.now());
    reloadAlerts();
    reloadHandoffs();
  }, [reloadAlerts, reloadHandoffs]);
  const handoffsSoon = useThrottled(reloadHandoffs, 2_000);
  const alertsSoon = useThrottled(reloadAlerts, 1_000);

  useEffect(() => {
    const t = setInterval(refresh, 60_000);
    return () => clearInterval(t);
  }, [refresh]);
  useEffect(
    () =>
      socket.on((event) => {
        if (event.type === 'reconnected') refresh();
        else if (event.type === 'conversation' && event.conversation.state === 'queued') handoffsSoon();
        else if (event.type === 'notice' && event.event === 'spike') alertsSoon();
      }),
    [socket, refresh, handoffsSoon, alertsSoon],
  );

  const teamNames = useMemo(() => new Map((queues.data ?? []).map((q) => [q.team, q.name])), [queues.data]);
  const teamName = useCallback((id: string) => teamNames.get(id) ?? id, [teamNames]);
  const packNames = useMemo(() => new Map((packs.data ?? []).map((p) => [p.id, p.name])), [packs.data]);
  const packName = useCallback((id: string) => packNames.get(id) ?? id, [packNames]);
  const s = summary.data;
  const colorOf = useMemo(() => colorsByRank(s?.byReason.rules.map((r) => r.key) ?? []), [s]);

  return (
    <main className="dashboard" aria-labelledby="dashboard-title">
      <div className="dash-head">
        <div>
          <h2 id="dashboard-title">Dashboard</h2>
          <p className="muted small">
            Queues are live. Figures cover conversations started{' '}
            {'error' in range ? 'in the period' : `${fmtDate(range.from)} – ${fmtDate(range.to)}`}
            {pack ? ` in ${packName(pack)}` : ' in all packs'}.
          </p>
        </div>
        <span className="spacer" />
        <PeriodPicker
          period={period}
          pack={pack}
          packs={packs.data ?? []}
          now={now}
          onPeriod={setPeriod}
          onPack={setPack}
        />
        <button type="button" className="btn btn-secondary" onClick={refresh} disabled={summary.loading}>
          {summary.loading ? 'Loading…' : 'Refresh'}
        </button>
      </div>
      {'error' in range && (
        <p className="inline-error" role="alert">
          {range.error}
        </p>
      )}
      {summary.error && (
        <p className="inline-error" role="alert">
          {summary.error}
        </p>
      )}

      <div className="dash-grid">
        <LiveQueues queues={queues} />
        {s ? (
          <>
            <div className="dash-card-wide">
              <StatTiles summary={s} />
            </div>
            <HandoffsByReasonChart summary={s} colorOf={colorOf} maxKeys={reasonColours} />
            <JourneyChart summary={s} colorOf={colorOf} maxRules={reasonColours - 1} teamName={teamName} />
            <DurationsChart summary={s} />
            <CsatChart summary={s} />
            <SlaBreachesChart summary={s} teamName={teamName} />
            <WaitEstimateChart summary={s} />
          </>
        ) : (
          <div className="dash-card dash-card-wide chart-empty" aria-busy={summary.loading}>
            {summary.loading ? 'Loading the figures…' : 'No figures for this period.'}
          </div>
        )}
        <RecentHandoffs handoffs={handoffs} teamName={teamName} packName={packName} />
        <AlertsPanel alerts={alerts} notices={notices} />
      </div>
    </main>
  );
}

function fmtDate(iso: string): string {
  return new Date(iso).toLocaleString([], {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}
