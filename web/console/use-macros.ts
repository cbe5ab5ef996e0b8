import { useEffect, useState } from 'react';
import type { ConsoleApi, Macro } from './api-client.ts';

/** The signed-in user's canned replies (their teams' and everyone's), loaded once per session. */
export function useMacros(api: ConsoleApi, onError: (err: unknown) => void): Macro[] {
  const [macros, setMacros] = useState<Macro[]>([]);
  useEffect(() => {
    let live = true;
    api.macros().then(
      (res) => {
        if (live) setMacros(res.macros);
      },
      (err: unknown) => {
        if (live) onError(err);
      },
    );
    return () => {
      live = false;
    };
  }, [api, onError]);
  return macros;
}
