import { useCallback, useEffect, useState } from 'react';
import { type Route, readRoute, routeHash } from './read-route.ts';

/** The console's route, kept in the URL hash so reloads and links keep the open conversation or view. */
export function useRoute(): [Route, (next: Route) => void] {
  const [route, setRoute] = useState<Route>(() => readRoute(window.location.hash));
  useEffect(() => {
    const onHash = () => setRoute(readRoute(window.location.hash));
    window.addEventListener('hashchange', onHash);
    window.addEventListener('popstate', onHash);
    return () => {
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('popstate', onHash);
    };
  }, []);
  const go = useCallback((next: Route) => {
    const hash = routeHash(next);
    if (window.location.hash !== hash) history.pushState(null, '', hash || window.location.pathname);
    setRoute(next);
  }, []);
  return [route, go];
}
