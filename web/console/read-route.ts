/** Where the console is: a conversation (or none picked), the messages and callbacks list, or the dashboard. */
export type Route =
  | { view: 'conversations'; id: string | null }
  | { view: 'tickets' }
  | { view: 'dashboard' }
  | { view: 'improve' };

/** The console's views. */
export type View = Route['view'];

/**
 * Reads the route from a location hash: `#/c/ID`, `#/tickets`, `#/dashboard`; anything else is the inbox with
 * nothing open.
 */
export function readRoute(hash: string): Route {
  if (hash === '#/tickets') return { view: 'tickets' };
  if (hash === '#/dashboard') return { view: 'dashboard' };
  if (hash === '#/improve') return { view: 'improve' };
  const m = /^#\/c\/(.+)$/.exec(hash);
  let id: string | null = null;
  try {
    id = m ? decodeURIComponent(m[1]!) : null;
  } catch {
    // A malformed escape: treat it as no conversation.
  }
  return { view: 'conversations', id };
}

/** The hash for a route (empty for the bare inbox). */
export function routeHash(route: Route): string {
  if (route.view === 'tickets') return '#/tickets';
  if (route.view === 'dashboard') return '#/dashboard';
  if (route.view === 'improve') return '#/improve';
  return route.id ? `#/c/${encodeURIComponent(route.id)}` : '';
}
