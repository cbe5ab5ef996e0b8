import { useCallback, useEffect, useState } from 'react';

const read = () => {
  const m = /^#\/c\/(.+)$/.exec(window.location.hash);
  return m ? decodeURIComponent(m[1]!) : null;
};

/** The open conversation's id, kept in the URL hash (`#/c/ID`) so reloads and links keep it. */
export function useSelectedId(): [string | null, (id: string | null) => void] {
  const [id, setId] = useState<string | null>(read);
  useEffect(() => {
    const onHash = () => setId(read());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const select = useCallback((next: string | null) => {
    const hash = next ? `#/c/${encodeURIComponent(next)}` : '';
    if (window.location.hash !== hash) history.pushState(null, '', hash || window.location.pathname);
    setId(next);
  }, []);
  return [id, select];
}
