import { type FormEvent, useState } from 'react';
import { createConsoleApi } from './api-client.ts';
import { Logo } from './logo.tsx';
import type { ConsoleSession } from './session-storage.ts';

/** Email and password sign-in; shows the server's error message when it refuses. */
export function LoginPage({
  onSignedIn,
  notice,
}: {
  onSignedIn: (s: ConsoleSession) => void;
  notice: string | null;
}) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await createConsoleApi(null).login(email.trim(), password));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <form className="login-card" onSubmit={submit} aria-labelledby="login-title">
        <Logo />
        <h1 id="login-title">Sign in to the console</h1>
        <p className="muted">Pick up conversations from the bot, help customers, and resolve.</p>
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        <label className="field">
          <span>Email</span>
          <input
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label className="field">
          <span>Password</span>
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="hint">
          Running the demo? The demo logins are in demo-logins.txt in the server's data folder.
        </p>
      </form>
    </main>
  );
}
