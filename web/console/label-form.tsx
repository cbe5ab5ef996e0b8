import { type FormEvent, useId, useState } from 'react';
import type { HandoffLabel } from '../../src/protocol/analytics.ts';
import type { LabelInput } from './api-client.ts';

type Props = {
  initial: HandoffLabel | null;
  /** Saves the label; a thrown error is shown in the form. */
  onSave: (input: LabelInput) => Promise<void>;
  /** The secondary button: "Skip" after resolving, "Cancel" when editing. */
  cancelLabel: string;
  onCancel: () => void;
  onError: (err: unknown) => void;
  /** The teams it could have gone to, for "which team was right"; the team it went to is left out. */
  teams?: { id: string; name: string }[];
  team?: string | null;
};

/** The questions about a handoff (needed? reason right? team right? earlier?) and an optional note. */
export function LabelForm({
  initial,
  onSave,
  cancelLabel,
  onCancel,
  onError,
  teams = [],
  team = null,
}: Props) {
  const [needed, setNeeded] = useState<boolean | null>(initial?.needed ?? null);
  const [reasonCorrect, setReasonCorrect] = useState<boolean | null>(initial?.reasonCorrect ?? null);
  const [teamCorrect, setTeamCorrect] = useState<boolean | null>(initial?.teamCorrect ?? null);
  const [rightTeam, setRightTeam] = useState(initial?.rightTeam ?? '');
  const [earlier, setEarlier] = useState(initial?.earlier ?? false);
  const others = teams.filter((t) => t.id !== team);
  const [note, setNote] = useState(initial?.note ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = useId();

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (needed === null || reasonCorrect === null) {
      setError('Answer both questions, or skip.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSave({
        needed,
        reasonCorrect,
        ...(teamCorrect !== null && { teamCorrect }),
        ...(teamCorrect === false && rightTeam && { rightTeam }),
        ...(needed && { earlier }),
        ...(note.trim() && { note: note.trim() }),
      });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      onError(err);
      setBusy(false);
    }
  }

  const choice = (
    group: string,
    value: boolean | null,
    set: (v: boolean) => void,
    yes: string,
    no: string,
  ) => (
    <>
      <label>
        <input type="radio" name={`${name}-${group}`} checked={value === true} onChange={() => set(true)} />
        <span>{yes}</span>
      </label>
      <label>
        <input type="radio" name={`${name}-${group}`} checked={value === false} onChange={() => set(false)} />
        <span>{no}</span>
      </label>
    </>
  );

  return (
    <form className="modal-form label-form" onSubmit={submit}>
      <fieldset className="segmented">
        <legend>Was the handoff needed?</legend>
        {choice('needed', needed, setNeeded, 'Needed', 'The bot could have handled it')}
      </fieldset>
      <fieldset className="segmented">
        <legend>Was the reason right?</legend>
        {choice('reason', reasonCorrect, setReasonCorrect, 'Right', 'Wrong')}
      </fieldset>
      <fieldset className="segmented">
        <legend>Did it reach the right team?</legend>
        {choice('team', teamCorrect, setTeamCorrect, 'Right team', 'Wrong team')}
      </fieldset>
      {teamCorrect === false && others.length > 0 && (
        <label className="field">
          <span>Which team should it have gone to?</span>
          <select value={rightTeam} onChange={(e) => setRightTeam(e.target.value)}>
            <option value="">Not sure</option>
            {others.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {needed && (
        <label className="check">
          <input type="checkbox" checked={earlier} onChange={(e) => setEarlier(e.target.checked)} />
          <span>A person should have come in earlier</span>
        </label>
      )}
      <label className="field">
        <span>Note (optional)</span>
        <textarea
          rows={2}
          maxLength={2000}
          value={note}
          placeholder="What the bot should have done, or why it was right"
          onChange={(e) => setNote(e.target.value)}
        />
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="modal-buttons">
        <button type="button" className="btn btn-secondary" onClick={onCancel}>
          {cancelLabel}
        </button>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}
