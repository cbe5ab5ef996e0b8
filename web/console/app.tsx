import { useCallback, useState } from 'react';
import { LoginPage } from './login-page.tsx';
import { type ConsoleSession, loadSession, saveSession } from './session-storage.ts';
import { Workspace } from './workspace.tsx';

/** The console: the login page until signed in, then the workspace. */
export function App() {
  const [session, setSession] = useState<ConsoleSession | null>(loadSession);
  const [notice, setNotice] = useState<string | null>(null);

  const signIn = useCallback((s: ConsoleSession) => {
    saveSession(s);
    setSession(s);
    setNotice(null);
  }, []);

  const signOut = useCallback((message?: string) => {
    saveSession(null);
    setSession(null);
    setNotice(message ?? null);
  }, []);

  if (!session) return <LoginPage onSignedIn={signIn} notice={notice} />;
  return <Workspace session={session} onSessionChange={signIn} onSignOut={signOut} />;
}
