/** The sections of the admin's settings area. */
export const settingsSections = ['teams', 'agents', 'macros', 'webhooks', 'packs', 'audit'] as const;
export type SettingsSection = (typeof settingsSections)[number];

/** Where the console is: a conversation (or none picked), the messages and callbacks list, a page. */
export type Route =
  | { view: 'conversations'; id: string | null }
  | { view: 'tickets' }
  | { view: 'dashboard' }
  | { view: 'improve'; pack?: string }
  | { view: 'settings'; section: SettingsSection };

/** The console's views. */
export type View = Route['view'];

const decode = (text: string): string | null => {
  try {
    return decodeURIComponent(text);
  } catch {
    // A malformed escape: treat it as nothing named.
    return null;
  }
};

/**
 * Reads the route from a location hash: `#/c/ID`, `#/tickets`, `#/dashboard`, `#/improve[/PACK]`,
 * `#/settings[/SECTION]`; anything else is the inbox with nothing open.
 */
export function readRoute(hash: string): Route {
  if (hash === '#/tickets') return { view: 'tickets' };
  if (hash === '#/dashboard') return { view: 'dashboard' };
  if (hash === '#/improve') return { view: 'improve' };
  const improve = /^#\/improve\/(.+)$/.exec(hash);
  const pack = improve ? decode(improve[1]!) : null;
  if (improve) return pack ? { view: 'improve', pack } : { view: 'improve' };
  const settings = /^#\/settings(?:\/(\w+))?$/.exec(hash);
  if (settings) {
    const section = settingsSections.find((s) => s === settings[1]) ?? 'teams';
    return { view: 'settings', section };
  }
  const m = /^#\/c\/(.+)$/.exec(hash);
  return { view: 'conversations', id: m ? decode(m[1]!) : null };
}

/** The hash for a route (empty for the bare inbox). */
export function routeHash(route: Route): string {
  if (route.view === 'tickets') return '#/tickets';
  if (route.view === 'dashboard') return '#/dashboard';
  if (route.view === 'improve')
    return route.pack ? `#/improve/${encodeURIComponent(route.pack)}` : '#/improve';
  if (route.view === 'settings') return `#/settings/${route.section}`;
  return route.id ? `#/c/${encodeURIComponent(route.id)}` : '';
}
