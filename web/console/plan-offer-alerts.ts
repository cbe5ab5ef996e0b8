import type { Offer } from '../../src/protocol/ws.ts';

/** Which signals an agent wants when a new offer arrives; each one can be switched off in the console. */
export type AlertPrefs = { sound: boolean; notification: boolean; titleBadge: boolean };

export const defaultAlertPrefs: AlertPrefs = { sound: true, notification: true, titleBadge: true };

/** What to do for the offers the console has just heard of. */
export type OfferAlertPlan = { fresh: Offer[]; playSound: boolean; notify: Offer[] };

/**
 * Decides the signals for a new list of offers: only offers not seen before count; a sound once for all of them,
 * a desktop notification for each when allowed (the browser granted it and the agent wants it).
 */
export function planOfferAlerts(
  seen: ReadonlySet<string>,
  offers: readonly Offer[],
  prefs: AlertPrefs,
  notificationsGranted: boolean,
): OfferAlertPlan {
  const fresh = offers.filter((o) => !seen.has(o.id));
  return {
    fresh,
    playSound: prefs.sound && fresh.length > 0,
    notify: prefs.notification && notificationsGranted ? fresh : [],
  };
}

/** The tab title with the number of waiting offers in front ("(2) Baton console"), or the plain title. */
export function badgeTitle(base: string, offerCount: number, prefs: AlertPrefs): string {
  return prefs.titleBadge && offerCount > 0 ? `(${offerCount}) ${base}` : base;
}

/** The text of a desktop notification for an offer. */
export function describeOfferNotice(offer: Offer): { title: string; body: string } {
  const where = offer.team ? ` · ${offer.team}` : '';
  return { title: `New conversation for you (${offer.priority})`, body: `${offer.reason}${where}` };
}
