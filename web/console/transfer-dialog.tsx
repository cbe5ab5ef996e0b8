import { type FormEvent, useEffect, useId, useState } from 'react';
import type { Agent } from '../../src/protocol/agent.ts';
import type { Conversation } from '../../src/protocol/conversation.ts';
import type { ConsoleApi, TransferTarget, TransferTargets } from './api-client.ts';
import { FormFooter } from './form-footer.tsx';
import { Modal } from './modal.tsx';
import { exactOption, filterOptions, transferAgentOptions, transferTeamOptions } from './transfer-options.ts';

type Props = {
  api: ConsoleApi;
  conversation: Conversation;
  me: Agent;
  onTransferred: (c: Conversation) => void;
  onClose: () => void;
  onError: (err: unknown) => void;
};

/** Transfer to a team or one online agent, picked from a list, with a required note the receiver reads (customers never see it). */
export function TransferDialog({ api, conversation: c, me, onTransferred, onClose, onError }: Props) {
  const [targets, setTargets] = useState<TransferTargets | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [to, setTo] = useState<'team' | 'agent'>('team');
  const [query, setQuery] = useState('');
  const [team, setTeam] = useState('');
  const [agentId, setAgentId] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const searchId = useId();
  const listId = useId();

  useEffect(() => {
    let live = true;
    api.transferTargets().then(
      (res) => live && setTargets(res),
      (err: unknown) => {
        if (!live) return;
        setLoadError(err instanceof Error ? err.message : String(err));
        onError(err);
      },
    );
    return () => {
      live = false;
    };
  }, [api, onError]);

  const teams = targets ? transferTeamOptions(targets, c.team) : [];
  const people = targets ? transferAgentOptions(targets.agents, me.id, c.team) : [];
  const shownTeams = filterOptions(teams, query);
  const shownPeople = filterOptions(people, query);
  const teamNames = new Map(targets?.teams.map((t) => [t.id, t.name]) ?? []);

  function search(text: string) {
    setQuery(text);
    // Typing a team's (or an online agent's) exact id or name picks it.
    if (to === 'team') {
      const exact = exactOption(teams, text);
      if (exact) setTeam(exact.id);
    } else {
      const exact = exactOption(
        people.filter((p) => p.online),
        text,
      );
      if (exact) setAgentId(exact.id);
    }
  }

  function switchTo(next: 'team' | 'agent') {
    setTo(next);
    setQuery('');
    setError(null);
  }

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
      const person = people.find((p) => p.id === agentId && p.online);
      if (!person) {
        setError('Choose an online agent to transfer to.');
        return null;
      }
      // The offer goes to the agent within a team of theirs: the current one if they are in it.
      return person.inTeam ? { agentId } : { agentId, team: person.teams[0] };
    }
    // Without the list (it failed to load), what was typed is taken as a team id.
    const id = targets
      ? (teams.find((t) => t.id === team)?.id ?? exactOption(teams, query)?.id)
      : query.trim();
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
            <input type="radio" name="to" checked={to === 'team'} onChange={() => switchTo('team')} />
            <span>A team</span>
          </label>
          <label>
            <input type="radio" name="to" checked={to === 'agent'} onChange={() => switchTo('agent')} />
            <span>A specific agent</span>
          </label>
        </fieldset>
        <div className="field picker">
          <label htmlFor={searchId}>{to === 'team' ? 'Team' : 'Agent'}</label>
          <input
            id={searchId}
            type="search"
            value={query}
            autoComplete="off"
            aria-controls={listId}
            placeholder={to === 'team' ? 'Search teams by name' : 'Search agents by name or team'}
            onChange={(e) => search(e.target.value)}
          />
          {loadError && (
            <small className="inline-error" role="alert">
              {loadError} Type the team id instead.
            </small>
          )}
          {!targets && !loadError && <small className="muted">Loading teams and agents…</small>}
          {targets && to === 'team' && (
            <div className="pick-list" id={listId} role="radiogroup" aria-label="Teams">
              {shownTeams.length === 0 && (
                <p className="muted small pick-empty">No team matches “{query}”.</p>
              )}
              {shownTeams.map((t) => (
                <label key={t.id} className={`pick${team === t.id ? ' pick-on' : ''}`}>
                  <input type="radio" name="team" checked={team === t.id} onChange={() => setTeam(t.id)} />
                  <span className="pick-main">
                    <strong>{t.name}</strong>
                    <small className="muted">{t.id}</small>
                  </span>
                  <span className={`pick-online${t.online === 0 ? ' pick-none' : ''}`}>
                    {t.online === 0 ? 'nobody online' : `${t.online} online`}
                  </span>
                </label>
              ))}
            </div>
          )}
          {targets && to === 'agent' && (
            <div className="pick-list" id={listId} role="radiogroup" aria-label="Agents">
              {shownPeople.length === 0 && (
                <p className="muted small pick-empty">No agent matches “{query}”.</p>
              )}
              {shownPeople.map((p) => (
                <label
                  key={p.id}
                  className={`pick${agentId === p.id ? ' pick-on' : ''}${p.online ? '' : ' pick-off'}`}
                >
                  <input
                    type="radio"
                    name="agent"
                    checked={agentId === p.id}
                    disabled={!p.online}
                    onChange={() => setAgentId(p.id)}
                  />
                  <span className="pick-main">
                    <strong>{p.name}</strong>
                    <small className="muted">
                      {p.teams.map((t) => teamNames.get(t) ?? t).join(', ') || 'no team'}
                    </small>
                  </span>
                  <span className={`presence-dot ${p.online ? 'presence-dot-on' : ''}`} aria-hidden="true" />
                  <span className="pick-online">{p.online ? 'online' : 'offline'}</span>
                </label>
              ))}
            </div>
          )}
        </div>
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
        <FormFooter error={error} busy={busy} label="Transfer" busyLabel="Transferring…" onCancel={onClose} />
      </form>
    </Modal>
  );
}
