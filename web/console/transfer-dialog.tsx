import { type FormEvent, useEffect, useId, useState } from 'react';
import type { Agent } from '../../src/protocol/agent.ts';
import type { Conversation } from '../../src/protocol/conversation.ts';
import { ApiError } from '../shared/request-json.ts';
import type { ConsoleApi, TeamSummary, TransferTarget } from './api-client.ts';
import { Modal } from './modal.tsx';
import { transferAgentOptions, transferTeamOptions } from './transfer-options.ts';

type Props = {
  api: ConsoleApi;
  conversation: Conversation;
  me: Agent;
  /** Teams the console has seen (own, the conversation's, the package's, other conversations'), for agents. */
  knownTeams: readonly { id: string | null | undefined; name?: string | null }[];
  onTransferred: (c: Conversation) => void;
  onClose: () => void;
  onError: (err: unknown) => void;
};

const refused = (err: unknown) => err instanceof ApiError && (err.status === 403 || err.status === 401);

/** Transfer to a team or one agent, with a required note the receiver reads (customers never see it). */
export function TransferDialog({
  api,
  conversation: c,
  me,
  knownTeams,
  onTransferred,
  onClose,
  onError,
}: Props) {
  const [directory, setDirectory] = useState<TeamSummary[] | null>(null);
  const [agents, setAgents] = useState<Agent[] | null>(null);
  const [to, setTo] = useState<'team' | 'agent'>('team');
  const [team, setTeam] = useState('');
  const [agentId, setAgentId] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const listId = useId();
  const inputId = useId();
  const hintId = useId();

  useEffect(() => {
    let live = true;
    api.teams().then(
      (res) => live && setDirectory(res.teams),
      (err: unknown) => !refused(err) && onError(err),
    );
    if (me.role === 'admin') {
      api.agents().then(
        (res) => live && setAgents(res.agents),
        (err: unknown) => !refused(err) && onError(err),
      );
    }
    return () => {
      live = false;
    };
  }, [api, me.role, onError]);

  const teams = transferTeamOptions({ directory, known: knownTeams, current: c.team });
  const people = agents ? transferAgentOptions(agents, me.id, c.team) : [];

  async function submit(e: FormEvent) {
    e.preventDefault();
    const target = targetOf();
    if (!target) return;
    if (!note.trim()) {
      setError('Write a note for whoever takes it over.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onTransferred((await api.transfer(c.id, target, note.trim())).conversation);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      onError(err);
      setBusy(false);
    }
  }

  function targetOf(): TransferTarget | null {
    if (to === 'agent') {
      const person = people.find((p) => p.id === agentId);
      if (!person) {
        setError('Choose the agent to transfer to.');
        return null;
      }
      // The offer goes to the agent within a team of theirs: the current one if they are in it.
      return c.team && person.teams.includes(c.team) ? { agentId } : { agentId, team: person.teams[0] };
    }
    const id = team.trim();
    if (!id) {
      setError('Choose the team to transfer to.');
      return null;
    }
    return { team: id };
  }

  return (
    <Modal
      title="Transfer conversation"
      description="The receiver gets an offer with the context package and your note. The customer is told they are being transferred."
      onClose={onClose}
    >
      <form className="modal-form" onSubmit={submit}>
        <fieldset className="segmented">
          <legend>Send to</legend>
          <label>
            <input type="radio" name="to" checked={to === 'team'} onChange={() => setTo('team')} />
            <span>A team</span>
          </label>
          <label>
            <input
              type="radio"
              name="to"
              checked={to === 'agent'}
              disabled={!agents}
              onChange={() => setTo('agent')}
            />
            <span>A specific agent</span>
          </label>
          {!agents && <small className="muted segmented-hint">Only admins can pick a specific agent.</small>}
        </fieldset>
        {to === 'team' ? (
          directory ? (
            <label className="field">
              <span>Team</span>
              <select required value={team} onChange={(e) => setTeam(e.target.value)}>
                <option value="">Choose a team…</option>
                {teams.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <div className="field">
              <label htmlFor={inputId}>Team</label>
              <input
                id={inputId}
                list={listId}
                required
                value={team}
                autoComplete="off"
                placeholder="Team id, e.g. support"
                aria-describedby={hintId}
                onChange={(e) => setTeam(e.target.value)}
              />
              <datalist id={listId}>
                {teams.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </datalist>
              <small className="muted" id={hintId}>
                {teams.length > 0
                  ? `Known here: ${teams.map((t) => (t.name === t.id ? t.id : `${t.id} (${t.name})`)).join(', ')}. `
                  : ''}
                Type the id of any team in this pack.
              </small>
            </div>
          )
        ) : (
          <label className="field">
            <span>Agent</span>
            <select required value={agentId} onChange={(e) => setAgentId(e.target.value)}>
              <option value="">Choose an agent…</option>
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field">
          <span>Note for the receiver (internal)</span>
          <textarea
            rows={4}
            required
            maxLength={4000}
            value={note}
            placeholder="What you found, what is left to do"
            onChange={(e) => setNote(e.target.value)}
          />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="modal-buttons">
          <button type="button" className="btn btn-secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Transferring…' : 'Transfer'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
