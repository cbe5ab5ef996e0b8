import { useCallback, useState } from 'react';
import { webhookEventTypes } from '../../src/protocol/webhook.ts';
import { checkWebhook, describeProblem } from './check-settings-input.ts';
import type { SettingsApi } from './settings-api.ts';
import { SaveStatus, SettingsField } from './settings-field.tsx';
import { useApiData } from './use-api-data.ts';
import { WebhookDeliveries } from './webhook-deliveries.tsx';

type Props = { api: SettingsApi; onError: (err: unknown) => void };

const labels = { url: 'Address', events: 'Events', description: 'Description' };

/** Webhook subscriptions: add, pause, rotate the signing secret, test, read deliveries, remove. */
export function SettingsWebhooks({ api, onError }: Props) {
  const load = useCallback(() => api.webhooks(), [api]);
  const hooks = useApiData(load, onError);
  const [adding, setAdding] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ id: string; secret: string } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const act = async (call: () => Promise<unknown>, message: string) => {
    setProblem(null);
    setSaved(null);
    try {
      await call();
      setSaved(message);
      hooks.reload();
    } catch (err) {
      setProblem(describeProblem(err, labels));
      onError(err);
    }
  };

  return (
    <div className="settings-stack">
      <div className="settings-toolbar">
        <button type="button" className="btn btn-primary" onClick={() => setAdding(true)}>
          Add webhook
        </button>
        <SaveStatus saved={saved} error={problem} />
      </div>
      {secret && (
        <p className="notice-line settings-secret" role="status">
          New signing secret (shown once, copy it now): <code>{secret.secret}</code>
        </p>
      )}
      {adding && (
        <WebhookEditor
          api={api}
          onDone={(id, newSecret, message) => {
            setAdding(false);
            setSecret({ id, secret: newSecret });
            setSaved(message);
            hooks.reload();
          }}
          onCancel={() => setAdding(false)}
          onError={onError}
        />
      )}
      <ul className="settings-cards" aria-label="Webhook subscriptions">
        {(hooks.data?.webhooks ?? []).map((w) => (
          <li key={w.id} className="card">
            <div className="settings-card-head">
              <strong className="settings-url">{w.url}</strong>
              <span className={`settings-pill ${w.active ? 'settings-pill-on' : 'settings-pill-off'}`}>
                {w.active ? 'Active' : 'Paused'}
              </span>
            </div>
            <p className="muted small">
              {w.description && `${w.description} · `}
              {w.events.includes('*') ? 'All events' : w.events.join(', ')}
            </p>
            <div className="settings-actions">
              <button
                type="button"
                className="btn btn-secondary btn-small"
                onClick={() =>
                  act(() => api.updateWebhook(w.id, { active: !w.active }), w.active ? 'Paused.' : 'Resumed.')
                }
              >
                {w.active ? 'Pause' : 'Resume'}
              </button>
              <button
                type="button"
                className="btn btn-secondary btn-small"
                onClick={() =>
                  act(async () => {
                    const res = await api.rotateSecret(w.id);
                    setSecret({ id: w.id, secret: res.webhook.secret });
                  }, 'Secret rotated: receivers must use the new one from now on.')
                }
              >
                Rotate secret
              </button>
              <button
                type="button"
                className="btn btn-secondary btn-small"
                onClick={() =>
                  act(() => api.testWebhook(w.id), 'Test event sent; see its delivery below.').then(() =>
                    setOpen(w.id),
                  )
                }
              >
                Send test
              </button>
              <button
                type="button"
                className="btn btn-secondary btn-small"
                aria-expanded={open === w.id}
                onClick={() => setOpen(open === w.id ? null : w.id)}
              >
                Deliveries
              </button>
              <span className="spacer" />
              <button
                type="button"
                className="btn btn-danger btn-small"
                onClick={() => act(() => api.deleteWebhook(w.id), 'Webhook removed.')}
              >
                Remove
              </button>
            </div>
            {open === w.id && <WebhookDeliveries key={saved ?? ''} api={api} hook={w.id} onError={onError} />}
          </li>
        ))}
        {hooks.data?.webhooks.length === 0 && <li className="muted">No webhooks yet.</li>}
      </ul>
    </div>
  );
}

type EditorProps = {
  api: SettingsApi;
  onDone: (id: string, secret: string, message: string) => void;
  onCancel: () => void;
  onError: (err: unknown) => void;
};

function WebhookEditor({ api, onDone, onCancel, onError }: EditorProps) {
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<string[]>(['*']);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const toggle = (e: string, on: boolean) =>
    setEvents((list) => (on ? [...list.filter((x) => x !== '*'), e] : list.filter((x) => x !== e)));
  const submit = async (ev: React.FormEvent) => {
    ev.preventDefault();
    const found = checkWebhook({ url, events });
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setProblem(null);
    try {
      const res = await api.createWebhook({ url: url.trim(), events, description: description.trim() });
      onDone(res.webhook.id, res.webhook.secret, 'Webhook added.');
    } catch (err) {
      setProblem(describeProblem(err, labels));
      onError(err);
    }
  };
  return (
    <form className="settings-form card" onSubmit={submit} noValidate aria-label="New webhook">
      <SettingsField
        id="hook-url"
        label="Address"
        type="url"
        value={url}
        onChange={setUrl}
        error={errors.url}
        placeholder="https://"
      />
      <SettingsField
        id="hook-description"
        label="Description"
        value={description}
        onChange={setDescription}
      />
      <fieldset
        className="settings-checks"
        aria-describedby={errors.events ? 'hook-events-error' : undefined}
      >
        <legend>Events</legend>
        <label className="settings-check">
          <input
            type="checkbox"
            checked={events.includes('*')}
            onChange={(e) => setEvents(e.target.checked ? ['*'] : [])}
          />
          All events
        </label>
        {webhookEventTypes.map((e) => (
          <label key={e} className="settings-check">
            <input
              type="checkbox"
              checked={events.includes(e)}
              disabled={events.includes('*')}
              onChange={(x) => toggle(e, x.target.checked)}
            />
            {e}
          </label>
        ))}
        {errors.events && (
          <small id="hook-events-error" className="field-error">
            {errors.events}
          </small>
        )}
      </fieldset>
      <SaveStatus saved={null} error={problem} />
      <div className="settings-actions">
        <span className="spacer" />
        <button type="button" className="btn btn-secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary">
          Add webhook
        </button>
      </div>
    </form>
  );
}
