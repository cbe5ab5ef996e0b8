import type { HandoffLabel } from '../../src/protocol/analytics.ts';
import type { LabelInput } from './api-client.ts';
import { LabelForm } from './label-form.tsx';
import { Modal } from './modal.tsx';

type Props = {
  initial: HandoffLabel | null;
  onSave: (input: LabelInput) => Promise<void>;
  onClose: () => void;
  onError: (err: unknown) => void;
};

/** Asked right after resolving a handed-off conversation: label the handoff, or skip. */
export function LabelDialog({ initial, onSave, onClose, onError }: Props) {
  return (
    <Modal
      title="Label this handoff"
      description="Resolved. Your answer tunes when the assistant hands conversations to people."
      onClose={onClose}
    >
      <LabelForm
        initial={initial}
        onSave={async (input) => {
          await onSave(input);
          onClose();
        }}
        cancelLabel="Skip"
        onCancel={onClose}
        onError={onError}
      />
    </Modal>
  );
}
