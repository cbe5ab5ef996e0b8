import { type AlertPrefs, defaultAlertPrefs } from './plan-offer-alerts.ts';

const keyFor = (agentId: string) => `baton-console:alerts:${agentId}`;

/** Reads this agent's alert switches from the browser (localStorage), with the defaults for anything missing. */
export function loadAlertPrefs(agentId: string): AlertPrefs {
  try {
    const raw = localStorage.getItem(keyFor(agentId));
    const v = raw ? (JSON.parse(raw) as Partial<AlertPrefs>) : {};
    return {
      sound: typeof v.sound === 'boolean' ? v.sound : defaultAlertPrefs.sound,
      notification: typeof v.notification === 'boolean' ? v.notification : defaultAlertPrefs.notification,
      titleBadge: typeof v.titleBadge === 'boolean' ? v.titleBadge : defaultAlertPrefs.titleBadge,
    };
  } catch {
    return { ...defaultAlertPrefs };
  }
}

/** Keeps this agent's alert switches in this browser. */
export function saveAlertPrefs(agentId: string, prefs: AlertPrefs): void {
  try {
    localStorage.setItem(keyFor(agentId), JSON.stringify(prefs));
  } catch {
    // Storage blocked: the switches last until reload.
  }
}
