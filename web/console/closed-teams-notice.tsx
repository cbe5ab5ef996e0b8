import { useEffect, useMemo, useState } from 'react';
import { browserReader } from '../shared/browser-reader.ts';
import type { ConsoleApi, TeamHours } from './api-client.ts';
import type { ConsoleSocket } from './console-socket.ts';
import { describeClosedTeams } from './describe-closed-teams.ts';
import { useNow } from './use-now.ts';

type Props = {
  api: ConsoleApi;
  socket: ConsoleSocket;
  teams: readonly string[];
  onError: (err: unknown) => void;
};

/** Above the inbox: which of the user's teams are closed and until when, so nobody wonders why no offer comes. */
export function ClosedTeamsNotice({ api, socket, teams, onError }: Props) {
  const [hours, setHours] = useState<{ now: string; teams: TeamHours[] }>({ now: '', teams: [] });
  const minute = useNow(60_000);
  const teamKey = teams.join(',');
  const [reconnects, setReconnects] = useState(0);
  useEffect(() => socket.on((e) => e.type === 'reconnected' && setReconnects((n) => n + 1)), [socket]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reloaded each minute, on reconnect and when teams change
  useEffect(() => {
    api.teamHours().then(setHours, onError);
  }, [api, onError, minute, teamKey, reconnects]);
  const lines = useMemo(
    // Relative to the server's clock ("until 9:00" means today there), refreshed each minute.
    () => describeClosedTeams(hours.teams, new Date(hours.now), browserReader()),
    [hours],
  );
  if (lines.length === 0) return null;
  return (
    <div className="closed-teams" role="status">
      {lines.map((line) => (
        <p key={line}>
          <strong>{line}.</strong> Its conversations wait and are offered when it opens.
        </p>
      ))}
    </div>
  );
}
