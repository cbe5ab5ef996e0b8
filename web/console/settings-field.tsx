import type { ReactNode } from 'react';

type Props = {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: ReactNode;
  type?: 'text' | 'email' | 'password' | 'number' | 'url';
  list?: string;
  placeholder?: string;
  autoComplete?: string;
  multiline?: boolean;
};

/** A labelled settings input with its hint and, when the value will not do, a human message tied to it. */
export function SettingsField(props: Props) {
  const { id, label, value, onChange, error, hint, type = 'text', list, placeholder, autoComplete } = props;
  const described =
    [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    value,
    placeholder,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': described,
  };
  return (
    <div className={`settings-field${error ? ' settings-field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {props.multiline ? (
        <textarea {...common} rows={4} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input
          {...common}
          type={type}
          list={list}
          autoComplete={autoComplete ?? 'off'}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      {hint && (
        <small id={`${id}-hint`} className="muted">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${id}-error`} className="field-error">
          {error}
        </small>
      )}
    </div>
  );
}

/** The outcome of the last save, announced to screen readers. */
export function SaveStatus({ saved, error }: { saved: string | null; error: string | null }) {
  return (
    <>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <p className="settings-saved" role="status">
        {saved ?? ''}
      </p>
    </>
  );
}
