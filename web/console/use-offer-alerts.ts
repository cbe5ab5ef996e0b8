import { useCallback, useEffect, useRef, useState } from 'react';
import type { Offer } from '../../src/protocol/ws.ts';
import { loadAlertPrefs, saveAlertPrefs } from './alert-prefs.ts';
import { type AlertPrefs, badgeTitle, describeOfferNotice, planOfferAlerts } from './plan-offer-alerts.ts';

/** A short two-tone chime through Web Audio (no sound file to ship); silent where audio is blocked. */
function chime(): void {
  try {
    const Ctx = window.AudioContext;
    if (!Ctx) return;
    const ctx = new Ctx();
    const start = ctx.currentTime;
    [880, 1175].forEach((freq, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.15, start + i * 0.18);
      gain.gain.exponentialRampToValueAtTime(0.001, start + i * 0.18 + 0.16);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start + i * 0.18);
      osc.stop(start + i * 0.18 + 0.17);
    });
    setTimeout(() => void ctx.close(), 600);
  } catch {
    // Audio unavailable: the title badge and the notification still tell.
  }
}

const granted = () => typeof Notification !== 'undefined' && Notification.permission === 'granted';

/**
 * Signals new offers with a sound, a desktop notification and a count in the tab title, each as this agent chose;
 * returns the switches and a setter that keeps them in the browser (asking for notification permission when needed).
 */
export function useOfferAlerts(agentId: string, offers: readonly Offer[], onOpen: (offer: Offer) => void) {
  const [prefs, setPrefsState] = useState<AlertPrefs>(() => loadAlertPrefs(agentId));
  const seen = useRef<Set<string>>(new Set());
  const baseTitle = useRef(document.title);

  useEffect(() => {
    const plan = planOfferAlerts(seen.current, offers, prefs, granted());
    seen.current = new Set(offers.map((o) => o.id));
    if (plan.playSound) chime();
    for (const offer of plan.notify) {
      const { title, body } = describeOfferNotice(offer);
      const n = new Notification(title, { body, tag: `baton-offer-${offer.id}` });
      n.onclick = () => {
        window.focus();
        onOpen(offer);
        n.close();
      };
    }
  }, [offers, prefs, onOpen]);

  useEffect(() => {
    document.title = badgeTitle(baseTitle.current, offers.length, prefs);
  }, [offers.length, prefs]);
  useEffect(() => {
    const base = baseTitle.current;
    return () => {
      document.title = base;
    };
  }, []);

  const setPrefs = useCallback(
    (next: AlertPrefs) => {
      setPrefsState(next);
      saveAlertPrefs(agentId, next);
      if (next.notification && typeof Notification !== 'undefined' && Notification.permission === 'default')
        void Notification.requestPermission();
    },
    [agentId],
  );
  return { prefs, setPrefs };
}
