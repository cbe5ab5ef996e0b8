import { type ReactNode, useEffect, useId, useRef } from 'react';

type Props = {
  title: string;
  /** A line under the title saying what the dialog does. */
  description?: ReactNode;
  onClose: () => void;
  children: ReactNode;
};

/** A modal dialog on the native <dialog>: focus stays inside, Escape and a click outside close it. */
export function Modal({ title, description, onClose, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="modal"
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onMouseDown={(e) => {
        if (e.target === ref.current) onClose();
      }}
    >
      <div className="modal-body">
        <h2 id={titleId}>{title}</h2>
        {description && (
          <p className="modal-description" id={descriptionId}>
            {description}
          </p>
        )}
        {children}
      </div>
    </dialog>
  );
}
