import { type FormEvent, useEffect, useState } from 'react';
import type { Agent } from '../../src/protocol/agent.ts';
import type { ConsoleApi, TeamSummary } from './api-client.ts';
import { FormFooter } from './form-footer.tsx';
import { Modal } from './modal.tsx';

type Props = {
  api: ConsoleApi;
  agent: Agent;
  onClose: () => void;
  /** The teams are saved: go online with them. */
  onStart: (agent: Agent) => void;
};

/** A supervisor or admin chooses the teams whose chats they take, then starts taking them. */
export function TakeChatsDialog({ api, agent, onClose, onStart }: Props) {
  const [teams, setTeams] = useState<TeamSummary[]>([]);
  const [chosen, setChosen] = useState(() => new Set(agent.teams));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.transferTargets().then(
      (res) => setTeams(res.teams),
      (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
    );
  }, [api]);

  const toggle = (id: string, on: boolean) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (chosen.size === 0) {
      setError('Choose at least one team.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onStart((await api.setMyTeams([...chosen])).agent);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  }

  return (
    <Modal
      title="Take chats"
      description="You get offers from the teams you choose, like their agents, until you stop. Waiting customers count you in their estimate."
      onClose={onClose}
    >
      <form className="modal-form" onSubmit={submit}>
        <fieldset className="team-choices">
          <legend>Teams</legend>
          {teams.map((t) => (
            <label key={t.id} className="switch">
              <input
                type="checkbox"
                checked={chosen.has(t.id)}
                onChange={(e) => toggle(t.id, e.target.checked)}
              />
              <span className="switch-track" aria-hidden="true" />
              {t.name}
            </label>
          ))}
        </fieldset>
        <FormFooter
          error={error}
          busy={busy}
          label="Start taking chats"
          busyLabel="Starting…"
          onCancel={onClose}
        />
      </form>
    </Modal>
  );
}
