import { useEffect, useId } from 'react';
import type { HandoffLabel } from '../../src/protocol/analytics.ts';
import type { LabelInput } from './api-client.ts';
import { LabelForm } from './label-form.tsx';

type Props = {
  initial: HandoffLabel | null;
  onSave: (input: LabelInput) => Promise<void>;
  onClose: () => void;
  onError: (err: unknown) => void;
  teams?: { id: string; name: string }[];
  team?: string | null;
};

/**
 * Asked right after resolving a handed-off conversation: label the handoff, or skip. A panel beside the work, not
 * a modal: offers, the inbox and every other control stay usable while it is open (an offer waits only 30 s).
 */
export function LabelDialog({ initial, onSave, onClose, onError, teams, team }: Props) {
  const titleId = useId();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <section className="label-panel" role="dialog" aria-modal="false" aria-labelledby={titleId}>
      <h2 id={titleId}>Label this handoff</h2>
      <p className="modal-description">
        Resolved. Your answer tunes when the assistant hands conversations to people.
      </p>
      <LabelForm
        initial={initial}
        onSave={async (input) => {
          await onSave(input);
          onClose();
        }}
        cancelLabel="Skip"
        onCancel={onClose}
        onError={onError}
        teams={teams}
        team={team}
      />
    </section>
  );
}
