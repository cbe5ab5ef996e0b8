import { useState } from 'react';
import { LabelForm } from './label-form.tsx';
import type { HandoffLabelState } from './use-handoff-label.ts';

type Props = {
  state: HandoffLabelState;
  onError: (err: unknown) => void;
};

/** The side panel's handoff label: what the agent said about the handoff, editable in place. */
export function LabelCard({ state, onError }: Props) {
  const [editing, setEditing] = useState(false);
  const { label } = state;
  if (!state.labellable) return null;
  return (
    <section className="card card-label" aria-labelledby="label-title">
      <div className="card-label-head">
        <h3 id="label-title">Handoff label</h3>
        {!editing && !state.loading && (
          <button type="button" className="link" onClick={() => setEditing(true)}>
            {label ? 'Edit' : 'Add label'}
          </button>
        )}
      </div>
      {state.error && (
        <p className="inline-error small" role="alert">
          {state.error}
        </p>
      )}
      {editing ? (
        <LabelForm
          initial={label}
          onSave={async (input) => {
            await state.save(input);
            setEditing(false);
          }}
          cancelLabel="Cancel"
          onCancel={() => setEditing(false)}
          onError={onError}
          teams={state.teams}
          team={state.team}
        />
      ) : label ? (
        <>
          <dl className="facts label-facts">
            <div className="fact">
              <dt>Handoff</dt>
              <dd className={label.needed ? 'label-yes' : 'label-no'}>
                {label.needed ? 'Needed' : 'The bot could have handled it'}
              </dd>
            </div>
            <div className="fact">
              <dt>Reason</dt>
              <dd className={label.reasonCorrect ? 'label-yes' : 'label-no'}>
                {label.reasonCorrect ? 'Right' : 'Wrong'}
              </dd>
            </div>
            {label.teamCorrect !== null && (
              <div className="fact">
                <dt>Team</dt>
                <dd className={label.teamCorrect ? 'label-yes' : 'label-no'}>
                  {label.teamCorrect
                    ? 'Right'
                    : `Wrong${label.rightTeam ? ` (should be ${label.rightTeam})` : ''}`}
                </dd>
              </div>
            )}
            {label.earlier && (
              <div className="fact">
                <dt>Timing</dt>
                <dd className="label-no">Should have come earlier</dd>
              </div>
            )}
          </dl>
          {label.note && <p className="label-note">{label.note}</p>}
        </>
      ) : (
        !state.loading && <p className="muted small">Not labelled yet. Was a person needed here?</p>
      )}
    </section>
  );
}
